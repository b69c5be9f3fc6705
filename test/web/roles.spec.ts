import { describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '../../web/src/api/types.js';
import { capabilitiesOf, notAllowedReason, roleLabel, type Capability } from '../../web/src/lib/roles.js';

// Mirrors the @Allow(...) of the routes each capability stands for; a change on either side shows up here.
const EVERYTHING: Capability[] = [
  'uploadImports',
  'viewImports',
  'viewMatches',
  'decideMatches',
  'viewScreening',
  'decideScreening',
  'runScreening',
  'tryRules',
  'generatePortfolio',
  'verifyReports',
];
const EXPECTED: Record<Role, Capability[]> = {
  admin: EVERYTHING,
  compliance: EVERYTHING,
  procurement: ['tryRules', 'generatePortfolio'],
  auditor: ['viewImports', 'viewMatches', 'viewScreening', 'verifyReports'],
};

function allowed(role: Role | undefined): Capability[] {
  return Object.entries(capabilitiesOf(role))
    .filter(([, may]) => may)
    .map(([capability]) => capability as Capability);
}

describe(capabilitiesOf.name, () => {
  it.each(ROLES.map((role) => [role, EXPECTED[role]] as const))('lets %s do %p', (role, capabilities) => {
    expect(allowed(role)).toEqual(capabilities);
  });

  it('keeps import upload from procurement and auditors', () => {
    expect(capabilitiesOf('procurement').uploadImports).toBe(false);
    expect(capabilitiesOf('auditor').uploadImports).toBe(false);
  });

  it('shows possible duplicates to auditors, but lets only compliance officers decide them', () => {
    expect(ROLES.filter((role) => capabilitiesOf(role).viewMatches)).toEqual([
      'admin',
      'compliance',
      'auditor',
    ]);
    expect(ROLES.filter((role) => capabilitiesOf(role).decideMatches)).toEqual(['admin', 'compliance']);
    expect(notAllowedReason('decideMatches', 'auditor')).toBe(
      'Only compliance officers decide whether two sites are one (you are signed in as auditor).',
    );
  });

  it('shows enforcement-list hits to auditors, but lets only compliance officers decide, run or load lists', () => {
    expect(ROLES.filter((role) => capabilitiesOf(role).viewScreening)).toEqual([
      'admin',
      'compliance',
      'auditor',
    ]);
    expect(ROLES.filter((role) => capabilitiesOf(role).decideScreening)).toEqual(['admin', 'compliance']);
    expect(ROLES.filter((role) => capabilitiesOf(role).runScreening)).toEqual(['admin', 'compliance']);
    expect(notAllowedReason('viewScreening', 'procurement')).toBe(
      'Enforcement-list hits are open to compliance officers and auditors (you are signed in as procurement).',
    );
  });

  it('lets procurement try rule drafts (a what-if changes nothing), not auditors', () => {
    expect(ROLES.filter((role) => capabilitiesOf(role).tryRules)).toEqual([
      'admin',
      'compliance',
      'procurement',
    ]);
  });

  it('keeps portfolio generation from auditors and verification from procurement', () => {
    expect(capabilitiesOf('auditor').generatePortfolio).toBe(false);
    expect(capabilitiesOf('procurement').verifyReports).toBe(false);
  });

  it('leaves everything on when the server does not say who is signed in', () => {
    expect(allowed(undefined)).toEqual(EXPECTED.admin);
  });
});

describe(notAllowedReason.name, () => {
  it('says who may, and as whom the reader is signed in', () => {
    expect(notAllowedReason('uploadImports', 'auditor')).toBe(
      'Only compliance officers upload supplier lists (you are signed in as auditor).',
    );
  });

  it('leaves the role out when it is not known', () => {
    expect(notAllowedReason('tryRules', undefined)).toBe(
      'Rule drafts are tried by compliance officers and procurement.',
    );
  });
});

describe(roleLabel.name, () => {
  it('names every role', () => {
    expect(ROLES.map(roleLabel)).toEqual(['Administrator', 'Compliance officer', 'Procurement', 'Auditor']);
  });
});
