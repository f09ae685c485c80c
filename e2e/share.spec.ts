// Share links: the address bar carries the config; a link opens the same experiment elsewhere; hostile links
// are repaired with a notice and never run script; classroom links hide the controls.
import { expect, test, tinyConfig, type Playground } from './fixtures';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Every model's first-epoch losses, from the run export (full precision). */
const firstEpochLosses = async (p: Playground) =>
  (await p.history.exportRun()).run.results.map((r) => [r.id, r.history[0].trainLoss, r.history[0].testLoss]);

test('a copied link opens the same config in a fresh context, with the same first-epoch losses', async ({
  newPlayground,
}) => {
  const a = await newPlayground({ permissions: ['clipboard-read', 'clipboard-write'] });
  await a.open();
  const cfg = tinyConfig({ seed: 7, students: [{ method: 'hinton-kd', temperature: 3 }] });
  await a.config.apply(cfg);
  // The address bar follows the config; Copy link puts the same link on the clipboard.
  await expect.poll(() => a.share.hash().length).toBeGreaterThan(5);
  await a.share.copyLink();
  await expect(a.share.copyStatus).toContainText(/copied/i);
  const link = await a.share.clipboard();
  expect(new URL(link).hash).toBe(a.share.hash());
  await a.run.trainToDone();
  const lossA = await firstEpochLosses(a);
  expect(lossA).toHaveLength(2); // teacher and student

  const b = await newPlayground();
  await b.open(link);
  expect(await b.config.read()).toEqual(await a.config.read());
  await b.run.trainToDone();
  expect(await firstEpochLosses(b)).toEqual(lossA);
  expect(link.length).toBeLessThan(400);
  await a.close();
  await b.close();
});

test('a hostile link opens with defaults for the bad fields, a notice, and no script', async ({ app, share, run }) => {
  // Raw JSON text: "__proto__" must arrive as a key, and 1e308 as a number.
  const hostile =
    '{"seed":"<img src=x onerror=\\"window.__xss=1\\">","batchSize":1e308,"__proto__":{"polluted":true},' +
    '"students":[{"method":"<script>window.__xss=2</script>"},{"method":"hinton-kd","temperature":"NaN"}],' +
    `"zzz":"${'x'.repeat(5000)}"}`;
  // It asks to autostart: a link that needed repair waits for the reader instead.
  await app.goto(`/#v1j.${b64url(hostile)}&autostart=1`);
  await expect(share.linkNotice).toBeVisible();
  await expect(share.linkNotice).toContainText('seed');
  await expect(run.trainButton).toBeEnabled();
  await expect(share.heldStart).toBeVisible();
  await expect(run.status).toHaveText('idle');
  expect(await share.xssMarker()).toBeUndefined();
  await share.dismissNotice();
  await expect(share.linkNotice).toBeHidden();
  expect(app.pageErrors).toEqual([]);
  // Garbage is not a blank page either.
  await app.goto(`/#v1.${'%%%garbage'.repeat(50)}`);
  await expect(share.linkNotice).toBeVisible();
  await expect(run.trainButton).toBeEnabled();
  // An address that is not a link of ours, and a query string, are reported, not silently ignored.
  await app.goto('/?seed=NaN&epochs=Infinity#cfg=abc');
  await expect(share.linkNotice).toContainText('?seed=NaN&epochs=Infinity');
  await expect(share.linkNotice).toContainText('not a link of this app');
});

test('a classroom link hides the controls and shows the classroom view', async ({ app, share, data, run }) => {
  await app.goto('/#v1j.e30&classroom=1&hide=1');
  await expect(share.classroomBadge).toBeVisible();
  await expect(app.page.locator('#settings')).toBeHidden();
  await expect(app.page.getByTestId('student-card').first()).toBeVisible(); // what the run compares stays
  await expect(data.select).toBeHidden();
  await expect(run.trainButton).toBeVisible();
});

test('an autostart link for a run over 30 minutes waits for Start and says why', async ({ app, share, run }) => {
  const long = '{"teacher":{"epochs":60},"student":{"epochs":60}}'; // the default MNIST run, 15× longer
  await app.goto(`/#v1j.${b64url(long)}&autostart=1`);
  await expect(share.linkNotice).toContainText(/estimated at \d+ minutes on this device/);
  await expect(share.heldStart).toBeVisible();
  await expect(run.status).toHaveText('idle');
  await share.heldStart.click();
  await expect(run.status).not.toHaveText('idle');
  await run.stop();
  await run.waitForStatus('stopped');
});
