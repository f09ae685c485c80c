// Page object: an axe-core accessibility scan of the page as it is now (WCAG 2.0/2.1 A and AA rules).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export interface AxeFinding {
  id: string;
  impact: string;
  nodes: number;
  /** A few of the failing elements and axe's summary for the first one, for the failure message. */
  targets: string[];
  summary: string;
}

export interface AxeReport {
  /** Serious or critical: these fail the test. */
  blocking: AxeFinding[];
  /** Minor or moderate: reported only. */
  minor: AxeFinding[];
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function scan(page: Page): Promise<AxeReport> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const findings = violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    nodes: v.nodes.length,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    summary: v.nodes[0]?.failureSummary ?? v.help,
  }));
  const blocking = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
  return { blocking, minor: findings.filter((f) => !blocking.includes(f)) };
}

/** One line per rule: "id (impact): n nodes". */
export function describeFindings(findings: AxeFinding[]): string {
  return findings.map((f) => `${f.id} (${f.impact}): ${f.nodes}`).join('; ') || 'none';
}
