// The address bar ⇄ the store. A share link in the hash opens that experiment (at startup, and when the hash is
// changed by hand); every later edit rewrites the hash with replaceState (never pushState: a history entry per
// keystroke would make Back useless), debounced, and only for a valid draft. A link with `autostart` starts
// training once the backend is ready, once per page load, if it decoded cleanly; a repaired one waits for Start.
// Whatever else the address holds (a foreign hash, a query string) is reported in the link notice.
import {
  addressNotices,
  autostartOf,
  decodeShare,
  encodeShare,
  isShareHash,
  type DecodedShare,
} from '../../core/config/shareLink';
import { isActive, useStore, type Store } from '.';
import { runGuard } from '../components/runGuard';
import { shareUiOf } from './shareSlice';

const DEBOUNCE_MS = 400;
/** Startup waits at most this long for a link to decode before the first render (it takes milliseconds). */
const BOOT_WAIT_MS = 1500;

/**
 * Applies the link in the address bar, if any; true when there was one. Never throws: a broken link becomes a
 * notice, not a blank page.
 */
async function openLinkInAddressBar(): Promise<boolean> {
  const hash = location.hash;
  const ignored = addressNotices(hash, location.search);
  const say = () =>
    ignored.length && useStore.setState({ linkNotices: [...useStore.getState().linkNotices, ...ignored] });
  if (!isShareHash(hash)) {
    say();
    return false;
  }
  let d: DecodedShare;
  try {
    d = await decodeShare(hash);
    useStore.getState().applyShared(d);
  } catch {
    useStore.setState({
      linkNotices: [{ field: '(link)', message: 'could not be opened; using the current settings' }],
    });
    return true;
  }
  say();
  const auto = autostartOf(d);
  if (auto === 'start' && !ignored.length) autostartOnce();
  else if (auto !== 'none') useStore.setState({ autostartHeld: true });
  return true;
}

/** The held autostart of a repaired link, once the reader pressed Start. */
export function startHeldLink(): void {
  useStore.setState({ autostartHeld: false, linkNotices: [] });
  autostartOnce(true); // the reader pressed Start: no second question
}

let autostarted = false;

/** Trains as soon as a run can start; gives up if a run starts (or ends) first, e.g. the user pressed Train. */
function autostartOnce(confirmed = false): void {
  if (autostarted && !confirmed) return;
  autostarted = true;
  const from = useStore.getState().status;
  const ready = (s: Store) =>
    !!s.backend && !s.backendPending && s.validation.ok && !s.jsonErrors.length && !isActive(s.status);
  const check = (s: Store) => {
    if (s.status !== from) return unsubscribe();
    if (!ready(s)) return;
    unsubscribe();
    // The resource guard applies to links too: one that does not fit says so; a long one waits for Start.
    const g = confirmed ? null : runGuard(s);
    if (g && g.verdict !== 'ok') {
      const message =
        g.verdict === 'refuse'
          ? `asks to start a run this device cannot hold: ${g.message}`
          : `asks to start a run estimated at ${Math.round(g.seconds / 60)} minutes on this device; it waits for you`;
      useStore.setState({
        linkNotices: [...s.linkNotices, { field: '(link)', message }],
        autostartHeld: g.verdict === 'confirm',
      });
      return;
    }
    s.train();
  };
  const unsubscribe = useStore.subscribe(check);
  check(useStore.getState());
}

/** Keeps the hash in step with the draft and the share switches. Returns the clean-up (for hot reloads). */
function keepHashInSync(writeNow: boolean): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let written = '';
  const write = async () => {
    const s = useStore.getState();
    if (!s.validation.ok) return; // an invalid draft keeps the last good link
    const mine = ++seq;
    const hash = await encodeShare(s.validation.config, shareUiOf(s));
    if (mine !== seq || hash === location.hash) return; // a newer edit is on its way
    written = hash;
    history.replaceState(history.state, '', hash);
  };
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.draft === prev.draft && s.shareUi === prev.shareUi && s.stepMode === prev.stepMode) return;
    clearTimeout(timer);
    timer = setTimeout(() => void write(), DEBOUNCE_MS);
  });
  // replaceState fires no hashchange, so this is a link pasted or edited in the address bar.
  const onHash = () => {
    if (location.hash !== written) void openLinkInAddressBar();
  };
  window.addEventListener('hashchange', onHash);
  if (writeNow) void write();
  return () => {
    clearTimeout(timer);
    unsubscribe();
    window.removeEventListener('hashchange', onHash);
  };
}

async function boot(): Promise<void> {
  // An opened link is rewritten at once in its canonical form, so the address bar holds what the page shows
  // (a repaired link no longer carries the fields that were ignored).
  const stop = keepHashInSync(await openLinkInAddressBar());
  import.meta.hot?.dispose(stop);
}

/** The full address of a link (origin + path + hash). */
export function linkUrl(hash: string): string {
  return location.origin + location.pathname + hash;
}

// Read the link before the first render (App imports this module, so the top-level await holds the first render
// back for the few milliseconds decoding takes): the page never shows the defaults and then jumps.
if (typeof window !== 'undefined') {
  await Promise.race([boot(), new Promise((r) => setTimeout(r, BOOT_WAIT_MS))]);
}
