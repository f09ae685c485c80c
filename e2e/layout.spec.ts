// The first screen at 1280×720 (a laptop, a classroom projector): run controls, every model lane and the top of
// the charts without scrolling, for the default page and a classroom link (there with the step explanation
// after an epoch); on a phone the order controls → models → charts → settings; never a horizontal scroll bar.
import { expect, test, tinyConfig } from './fixtures';
import { boxAtTop, onFirstScreen, overflowX, topOnFirstScreen } from './pages/layout';

const PROJECTOR = { width: 1280, height: 720 };
/** How much of the loss chart's top must show: its title and the upper part of its plot. */
const CHART_TOP_PX = 160;

test.use({ viewport: PROJECTOR });

test('default page at 1280×720: run controls, model lanes and the top of the charts on the first screen', async ({
  app,
  run,
  page,
}) => {
  await app.open();
  for (const id of ['train', 'pause', 'stop', 'run-status']) {
    expect(await onFirstScreen(page, page.getByTestId(id)), `${id} on the first screen`).toBe(true);
  }
  const lanes = page.locator('[data-testid=teacher-lane], [data-testid=student-card]');
  await expect(lanes).toHaveCount(5); // the default: teacher + 4 students
  for (let i = 0; i < 5; i++) expect(await onFirstScreen(page, lanes.nth(i)), `lane ${i}`).toBe(true);
  // Each student's key number is editable in place: Hinton KD's temperature.
  const t = page.getByRole('spinbutton', { name: /Temperature T of S2/ });
  expect(await onFirstScreen(page, t)).toBe(true);
  await t.fill('6');
  await expect(page.getByTestId('config-json')).toHaveValue(/"temperature": 6/);
  expect(await topOnFirstScreen(page, page.getByTestId('loss-chart'), CHART_TOP_PX)).toBe(true);
  // The long form is folded away: its sections are closed, each with a one-line summary.
  await expect(page.locator('details[data-section]')).toHaveCount(6);
  await expect(page.locator('details[data-section][open]')).toHaveCount(0);
  await expect(page.locator('details[data-section="training"] > summary')).toContainText('4 + 4 epochs');
  expect(await overflowX(page)).toBeLessThanOrEqual(0);
  await expect(run.badge).toHaveText(/^\s*Backend/); // one line until opened
});

test('classroom link at 1280×720: lanes, step explanation and charts on the first screen after an epoch', async ({
  app,
  config,
  run,
  page,
}) => {
  await app.goto('/#v1j.e30&classroom=1');
  await expect(page.locator('html')).toHaveClass(/classroom/);
  await config.apply(tinyConfig({ teacher: { ...tinyConfig().teacher, epochs: 1 } }));
  for (const id of ['train', 'run-status']) expect(await onFirstScreen(page, page.getByTestId(id)), id).toBe(true);
  const lanes = page.locator('[data-testid=teacher-lane], [data-testid=student-card]');
  for (let i = 0; i < (await lanes.count()); i++)
    expect(await onFirstScreen(page, lanes.nth(i)), `lane ${i}`).toBe(true);
  expect(await topOnFirstScreen(page, page.getByTestId('loss-chart'), CHART_TOP_PX)).toBe(true);
  expect(await overflowX(page)).toBeLessThanOrEqual(0);

  await run.trainToFirstPause();
  const explainer = page.getByTestId('step-explainer');
  await expect(explainer).toBeVisible();
  expect(await onFirstScreen(page, explainer), 'step explanation on the first screen').toBe(true);
  expect(await topOnFirstScreen(page, page.getByTestId('loss-chart'), 100)).toBe(true);
  expect(await overflowX(page)).toBeLessThanOrEqual(0);
  await run.stop();
});

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('on a phone: controls, then models, then charts, then settings; no sideways scrolling', async ({
    app,
    page,
  }) => {
    await app.open();
    const top = async (sel: string) => (await boxAtTop(page, page.locator(sel).first()))!.y;
    const controls = await top('[data-testid=train]');
    const models = await top('[data-testid=teacher-lane]');
    const charts = await top('[data-testid=loss-chart]');
    const settings = await top('#settings');
    expect(controls).toBeLessThan(models);
    expect(models).toBeLessThan(charts);
    expect(charts).toBeLessThan(settings);
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
  });
});
