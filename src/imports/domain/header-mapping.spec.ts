import { describe, expect, it } from '@jest/globals';
import { SUPPLIER_FIELD_NAMES, type SupplierField } from '../../suppliers/domain/supplier-fields.js';
import { fieldSpec } from './field-catalogue.js';
import {
  ANNOTATION_HEADERS,
  headerKey,
  headerRecogniser,
  isKnownHeader,
  mapHeaders,
  matchHeader,
  type ExplicitMapping,
} from './header-mapping.js';

describe(headerKey.name, () => {
  it.each([
    ['Supplier Name', 'suppliername'],
    ['  supplier_name ', 'suppliername'],
    ['SUPPLIER-NAME', 'suppliername'],
    ['Supplier  name:', 'suppliername'],
    ['Fournisseur – Désignation', 'fournisseurdesignation'],
    ['% Migrant Workers', 'percentmigrantworkers'],
    ['Migrant workers (%)', 'migrantworkerspercent'],
    ['Migrant workers pct', 'migrantworkerspercent'],
    ['Migrant workers percentage', 'migrantworkerspercent'],
    ['Migrant workers per cent', 'migrantworkerspercent'],
    ['No. of employees', 'numberofemployees'],
    ['Nr of employees', 'numberofemployees'],
    ['# of employees', 'numberofemployees'],
    ['Labor agency', 'labouragency'],
    ['Sub-sector', 'subsector'],
    ['Name *', 'name'],
    ['Supplier\u00A0name\u200B', 'suppliername'],
  ])('keys %j as %j', (text, key) => {
    expect(headerKey(text)).toBe(key);
  });
});

describe(matchHeader.name, () => {
  // Every synonym the issue and the task name, field by field.
  it.each<[string, SupplierField]>([
    ['Factory Name', 'name'],
    ['Supplier', 'name'],
    ['Supplier name', 'name'],
    ['Vendor name', 'name'],
    ['Facility', 'name'],
    ['Facility Name', 'name'],
    ['Country/Region', 'country'],
    ['Country code', 'country'],
    ['Country of origin', 'country'],
    ['Total Workers', 'workerCount'],
    ['No. of employees', 'workerCount'],
    ['Number of workers', 'workerCount'],
    ['Headcount', 'workerCount'],
    ['% Migrant Workers', 'migrantWorkerPct'],
    ['Migrant workers (%)', 'migrantWorkerPct'],
    ['Product Type', 'products'],
    ['Products', 'products'],
    ['Commodity', 'products'],
    ['Goods', 'products'],
    ['Vendor ID', 'externalRef'],
    ['Supplier No.', 'externalRef'],
    ['Supplier code', 'externalRef'],
    ['Province/State', 'region'],
    ['Region', 'region'],
    ['Passports retained', 'identityDocumentsRetained'],
    ['Wages withheld', 'wagesWithheld'],
    ['Debt bondage', 'debtBondage'],
    ['Recruitment fees paid by workers', 'recruitmentFeesPaidByWorkers'],
    ['Last audit date', 'lastAuditDate'],
    ['Audit scheme', 'auditScheme'],
    ['Certifications', 'certifications'],
    ['Grievance mechanism', 'grievanceMechanism'],
    ['Annual spend', 'annualSpend'],
    ['Currency', 'currency'],
    ['Tier', 'supplyChainTier'],
    ['Sub-sector', 'subSector'],
    ['Process', 'subSector'],
    ['Category', 'subSector'],
    ['Sector', 'sector'],
  ])('maps %j to %s', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it.each<[string, SupplierField]>([
    ['FACTORY NAME', 'name'],
    ['factory_name', 'name'],
    ['Factory-Name', 'name'],
    ['  Factory   Name  ', 'name'],
    ['Country / Region', 'country'],
    ['COUNTRY_REGION', 'country'],
    ['TOTAL WORKERS', 'workerCount'],
    ['total_workers', 'workerCount'],
    ['%Migrant workers', 'migrantWorkerPct'],
    ['Migrant Workers %', 'migrantWorkerPct'],
    ['Percentage of migrant workers', 'migrantWorkerPct'],
    ['Share of migrant workers', 'migrantWorkerPct'],
    ['% foreign workers', 'migrantWorkerPct'],
    ['% Female', 'femaleWorkerPct'],
    ['Women workers (%)', 'femaleWorkerPct'],
    ['% temporary/seasonal workers', 'temporaryWorkerPct'],
    ['Supplier Nr.', 'externalRef'],
    ['Head count', 'workerCount'],
    ['Sub sector', 'subSector'],
    ['Subsector', 'subSector'],
    ['Uses labor agencies', 'usesLabourAgency'],
    ['Labour brokers', 'usesLabourAgency'],
    ['Unauthorized subcontracting', 'undisclosedSubcontracting'],
    ['Bonded labor', 'debtBondage'],
    ['Child labor', 'childLabourReported'],
    ['Restriction of movement', 'movementRestricted'],
    ['Dormitories', 'employerProvidedHousing'],
    ['Annual spend (USD)', 'annualSpend'],
    ['Debt bondage (Y/N)', 'debtBondage'],
    ['Country [ISO]', 'country'],
    ['Date of last audit', 'lastAuditDate'],
    ['Fàctory Nàme', 'name'],
    ['migrantWorkerPct', 'migrantWorkerPct'],
    ['externalRef', 'externalRef'],
  ])('ignores case, spacing, punctuation and notes: %j -> %s', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it('maps every template label and every listed synonym back to its own field', () => {
    for (const field of SUPPLIER_FIELD_NAMES) {
      const spec = fieldSpec(field);
      for (const text of [spec.label, ...spec.synonyms, ...(spec.generic ?? [])]) {
        expect([text, matchHeader(text)]).toEqual([text, field]);
      }
    }
  });

  // Brand disclosure lists and Open Supply Hub (OS Hub) files, header by header.
  it.each<[string, SupplierField]>([
    ['Factory Type', 'facilityType'],
    ['Facility Type', 'facilityType'],
    ['Processing Type', 'facilityType'],
    ['Production Processes', 'facilityType'],
    ['Production process', 'facilityType'],
    ['facility_type_processing_type', 'facilityType'],
    ['facility_type', 'facilityType'],
    ['processing_type', 'facilityType'],
    ['Supplier Group', 'parentCompany'],
    ['Supplier Group Name', 'parentCompany'],
    ['Factory Group', 'parentCompany'],
    ['Parent Company Name', 'parentCompany'],
    ['parent_company', 'parentCompany'],
    ['Subcons', 'subcontractors'],
    ['Subcontractor(s) used', 'subcontractors'],
    ['Subcontractor(s)', 'subcontractors'],
    ['name', 'name'],
    ['Facility Name', 'name'],
    ['address', 'address'],
    ['Facility Address', 'address'],
    ['country', 'country'],
    ['country_code', 'country'],
    ['country_name', 'country'],
    ['sector', 'sector'],
    ['sector_product_type', 'products'],
    ['product_type', 'products'],
    ['Product Type', 'products'],
    ['number_of_workers', 'workerCount'],
    ['Number of Workers', 'workerCount'],
    ['No. of Employees', 'workerCount'],
    ['Total Workforce', 'workerCount'],
    ['% Female', 'femaleWorkerPct'],
    ['% Migrant', 'migrantWorkerPct'],
    ['percentage_of_female_workers', 'femaleWorkerPct'],
    ['lat', 'latitude'],
    ['Latitude', 'latitude'],
    ['LAT.', 'latitude'],
    ['lng', 'longitude'],
    ['lon', 'longitude'],
    ['long', 'longitude'],
    ['Longitude', 'longitude'],
  ])('maps the brand list / OS Hub header %j to %s', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it.each([['Factory Type'], ['Facility type'], ['Processing type'], ['Production Processes']])(
    'never sends the facility type header %j to the sector or sub-sector',
    (header) => {
      expect(matchHeader(header)).not.toBe('subSector');
      expect(matchHeader(header)).not.toBe('sector');
    },
  );

  it.each([['Notes'], ['Comments'], ['Buyer'], ['Migrant workers'], ['Workers (%)'], [''], ['   '], ['%']])(
    'leaves %j unmapped',
    (header) => {
      expect(matchHeader(header)).toBeUndefined();
      expect(isKnownHeader(header)).toBe(false);
    },
  );
});

describe(mapHeaders.name, () => {
  const fieldsOf = (headers: string[], explicit?: ExplicitMapping) =>
    mapHeaders(headers, explicit).columns.map((column) => column.field ?? column.extraKey);

  it('maps a brand disclosure list and keeps unknown columns as extra attributes', () => {
    const sut = mapHeaders([
      'Factory Name',
      'Country/Region',
      'Total Workers',
      '% Migrant Workers',
      'Buyer',
      'Notes',
    ]);
    expect(sut.columns).toEqual([
      { index: 0, columnLetter: 'A', header: 'Factory Name', field: 'name', mappedBy: 'synonym' },
      { index: 1, columnLetter: 'B', header: 'Country/Region', field: 'country', mappedBy: 'synonym' },
      { index: 2, columnLetter: 'C', header: 'Total Workers', field: 'workerCount', mappedBy: 'synonym' },
      {
        index: 3,
        columnLetter: 'D',
        header: '% Migrant Workers',
        field: 'migrantWorkerPct',
        mappedBy: 'synonym',
      },
      { index: 4, columnLetter: 'E', header: 'Buyer', extraKey: 'Buyer' },
      { index: 5, columnLetter: 'F', header: 'Notes', extraKey: 'Notes' },
    ]);
    expect(sut.unmapped).toEqual(['Buyer', 'Notes']);
    expect(sut.problems).toEqual([]);
  });

  it('maps a brand disclosure list with a factory type, a supplier group and subcontractors', () => {
    const sut = mapHeaders([
      'Supplier Group',
      'Factory Name',
      'Factory Type',
      'Address',
      'City',
      'Country',
      'Product Type',
      'Number of Workers',
      '% Female',
      '% Migrant',
      'Subcons',
    ]);
    expect(sut.columns.map((column) => [column.header, column.field, column.mappedBy])).toEqual([
      ['Supplier Group', 'parentCompany', 'synonym'],
      ['Factory Name', 'name', 'synonym'],
      ['Factory Type', 'facilityType', 'synonym'],
      ['Address', 'address', 'synonym'],
      ['City', 'city', 'synonym'],
      ['Country', 'country', 'synonym'],
      ['Product Type', 'products', 'synonym'],
      ['Number of Workers', 'workerCount', 'synonym'],
      ['% Female', 'femaleWorkerPct', 'synonym'],
      ['% Migrant', 'migrantWorkerPct', 'synonym'],
      ['Subcons', 'subcontractors', 'synonym'],
    ]);
    expect(sut.columns.map((column) => column.field)).not.toContain('subSector');
    expect(sut.columns.map((column) => column.field)).not.toContain('sector');
    expect(sut.unmapped).toEqual([]);
    expect(sut.problems).toEqual([]);
  });

  it('maps an Open Supply Hub upload and keeps os_id as an extra attribute', () => {
    const sut = mapHeaders([
      'os_id',
      'name',
      'address',
      'country',
      'sector',
      'product_type',
      'facility_type_processing_type',
      'parent_company',
      'number_of_workers',
      'lat',
      'lng',
    ]);
    expect(sut.columns.map((column) => column.field ?? `extra:${column.extraKey}`)).toEqual([
      'extra:os_id',
      'name',
      'address',
      'country',
      'sector',
      'products',
      'facilityType',
      'parentCompany',
      'workerCount',
      'latitude',
      'longitude',
    ]);
    // The OS ID is Open Supply Hub's, not the customer's supplier reference.
    expect(sut.columns.some((column) => column.field === 'externalRef')).toBe(false);
    expect(sut.unmapped).toEqual(['os_id']);
    expect(sut.problems).toEqual([]);
  });

  it('maps the combined OS Hub columns: sector_product_type to products, latitude / longitude spelt out', () => {
    const sut = mapHeaders(['country', 'name', 'address', 'sector_product_type', 'latitude', 'longitude']);
    expect(sut.columns.map((column) => column.field)).toEqual([
      'country',
      'name',
      'address',
      'products',
      'latitude',
      'longitude',
    ]);
    expect(sut.problems).toEqual([]);
  });

  it('keeps facility_type and reports processing_type when an OS Hub download has both', () => {
    const sut = mapHeaders(['name', 'country', 'facility_type', 'processing_type']);
    expect(sut.columns.map((column) => column.field ?? `extra:${column.extraKey}`)).toEqual([
      'name',
      'country',
      'facilityType',
      'extra:processing_type',
    ]);
    expect(sut.problems).toEqual([
      expect.objectContaining({ code: 'duplicate-field', header: 'processing_type', field: 'facilityType' }),
    ]);
  });

  it('keeps the first of two columns for one field and says what happened to the second', () => {
    const sut = mapHeaders(['Supplier name', 'Country', 'Vendor name']);
    expect(sut.columns[0].field).toBe('name');
    expect(sut.columns[2]).toMatchObject({ header: 'Vendor name', extraKey: 'Vendor name' });
    expect(sut.columns[2].field).toBeUndefined();
    expect(sut.problems).toEqual([
      {
        code: 'duplicate-field',
        severity: 'warning',
        header: 'Vendor name',
        columnLetter: 'C',
        field: 'name',
        message:
          '"Vendor name" (column C) and "Supplier name" (column A) both map to Supplier name (name). ' +
          '"Supplier name" (column A) is used; "Vendor name" (column C) is kept as an extra attribute.',
      },
    ]);
  });

  it('lets a specific header win over a generic one for the same field, wherever it stands', () => {
    // An SAP vendor master export: "Vendor" is the vendor number, "Name 1" the name.
    const sut = mapHeaders(['Vendor', 'Name 1', 'Country Key', 'City']);
    expect(
      sut.columns.map((column) => [
        column.header,
        column.field ?? `extra:${column.extraKey}`,
        column.mappedBy,
      ]),
    ).toEqual([
      ['Vendor', 'extra:Vendor', undefined],
      ['Name 1', 'name', 'synonym'],
      ['Country Key', 'country', 'synonym'],
      ['City', 'city', 'synonym'],
    ]);
    expect(sut.problems).toEqual([
      expect.objectContaining({ code: 'duplicate-field', header: 'Vendor', field: 'name' }),
    ]);
  });

  it('uses a generic header when nothing more specific is there', () => {
    const sut = mapHeaders(['Supplier', 'Country']);
    expect(sut.columns[0]).toMatchObject({ field: 'name', mappedBy: 'generic' });
    expect(sut.problems).toEqual([]);
  });

  it('keeps the first of two generic headers for one field', () => {
    const sut = mapHeaders(['Factory', 'Country', 'Supplier']);
    expect(sut.columns.map((column) => column.field)).toEqual(['name', 'country', undefined]);
  });

  it('names blank header columns by their letter and never drops them', () => {
    const sut = mapHeaders(['Supplier', '', 'Country', '  ']);
    expect(sut.unmapped).toEqual(['Column B', 'Column D']);
  });

  it('disambiguates two unmapped columns with the same header', () => {
    const sut = mapHeaders(['Supplier', 'Country', 'Notes', 'notes']);
    expect(sut.unmapped).toEqual(['Notes', 'notes (column D)']);
    expect(sut.problems).toEqual([
      expect.objectContaining({ code: 'duplicate-header', severity: 'warning' }),
    ]);
  });

  it('keeps a column named like an object’s own machinery under a safe key, with a warning', () => {
    const sut = mapHeaders(['Supplier', 'Country', '__proto__', 'constructor']);
    expect(sut.unmapped).toEqual(['__proto__ (column C)', 'constructor (column D)']);
    expect(sut.problems).toEqual([
      expect.objectContaining({ code: 'reserved-header', severity: 'warning', columnLetter: 'C' }),
      expect.objectContaining({ code: 'reserved-header', severity: 'warning', columnLetter: 'D' }),
    ]);
  });

  it('reports a missing required field as an error naming the field and what to call the column', () => {
    const sut = mapHeaders(['Supplier', 'Products']);
    expect(sut.problems).toEqual([
      {
        code: 'required-field-missing',
        severity: 'error',
        field: 'country',
        message:
          'No column holds the country: name a column "Country" (or e.g. "Country/Region", "Country code"), ' +
          'or map one explicitly.',
      },
    ]);
  });

  it('reports both required fields when neither is found', () => {
    const sut = mapHeaders(['Foo', 'Bar']);
    expect(sut.problems.map((problem) => [problem.code, problem.field])).toEqual([
      ['required-field-missing', 'name'],
      ['required-field-missing', 'country'],
    ]);
  });

  it('recognises the error workbook’s own columns and neither maps nor keeps them', () => {
    const sut = mapHeaders([ANNOTATION_HEADERS.rowNumber, 'Supplier', 'Country', ANNOTATION_HEADERS.errors]);
    expect(sut.columns[0]).toMatchObject({ annotation: true });
    expect(sut.columns[3]).toMatchObject({ annotation: true });
    expect(sut.unmapped).toEqual([]);
    expect(sut.problems).toEqual([]);
  });

  describe('with an explicit mapping', () => {
    it('maps headers no synonym knows', () => {
      expect(
        fieldsOf(['Lieferant', 'Land', 'Mitarbeiter'], {
          Lieferant: 'name',
          Land: 'country',
          Mitarbeiter: 'workerCount',
        }),
      ).toEqual(['name', 'country', 'workerCount']);
    });

    it('overrides a synonym', () => {
      expect(fieldsOf(['Supplier', 'Country', 'Region'], { Region: 'city' })).toEqual([
        'name',
        'country',
        'city',
      ]);
    });

    it('keeps an ignored column as an extra attribute even when a synonym would map it', () => {
      const sut = mapHeaders(['Supplier', 'Country', 'Tier'], { Tier: 'ignore' });
      expect(sut.columns[2]).toEqual({ index: 2, columnLetter: 'C', header: 'Tier', extraKey: 'Tier' });
      expect(sut.unmapped).toEqual(['Tier']);
    });

    it('wins over an earlier column that a synonym maps to the same field', () => {
      const sut = mapHeaders(['Supplier', 'Country', 'Legal entity'], { 'Legal entity': 'name' });
      expect(sut.columns.map((column) => column.field)).toEqual([undefined, 'country', 'name']);
      expect(sut.problems).toEqual([
        expect.objectContaining({ code: 'duplicate-field', header: 'Supplier', field: 'name' }),
      ]);
    });

    it('finds the header ignoring case and spacing when there is no exact match', () => {
      expect(fieldsOf(['LIEFERANT ', 'Country'], { Lieferant: 'name' })).toEqual(['name', 'country']);
    });

    it('reports a mapping to a field that does not exist, naming it', () => {
      const sut = mapHeaders(['Supplier', 'Country', 'Risk'], { Risk: 'riskScore' as SupplierField });
      expect(sut.problems).toEqual([
        expect.objectContaining({
          code: 'unknown-field',
          severity: 'error',
          header: 'Risk',
          field: 'riskScore',
          message: expect.stringContaining(
            'The mapping sends "Risk" to "riskScore", which is not a supplier field.',
          ),
        }),
      ]);
      expect(sut.columns[2].extraKey).toBe('Risk');
    });

    it('refuses "extra" as a field: unmapped columns are extra attributes already', () => {
      const sut = mapHeaders(['Supplier', 'Country', 'Notes'], { Notes: 'extra' as SupplierField });
      expect(sut.problems.map((problem) => problem.code)).toEqual(['unknown-field']);
    });

    it('reports a mapped header that is not in the file, listing the columns found', () => {
      const sut = mapHeaders(['Supplier', 'Country'], { 'Vendor number': 'externalRef' });
      expect(sut.problems).toEqual([
        {
          code: 'header-not-found',
          severity: 'error',
          header: 'Vendor number',
          field: 'externalRef',
          message:
            'The mapping names the column "Vendor number", but the file has no such column. Columns found: "Supplier", "Country".',
        },
      ]);
    });
  });
});

describe(headerRecogniser.name, () => {
  it('knows the synonyms and the headers an explicit mapping names, in any case or spacing', () => {
    const sut = headerRecogniser({ Kreditor: 'name', 'Werk ': 'city' });
    expect(sut('Supplier Name')).toBe(true);
    expect(sut('KREDITOR')).toBe(true);
    expect(sut('werk')).toBe(true);
    expect(sut('Zahlungsziel')).toBe(false);
    expect(headerRecogniser()('Kreditor')).toBe(false);
  });

  it('knows the German, French and Spanish headers of local ERP exports', () => {
    const sut = mapHeaders(['Lieferant', 'Straße', 'PLZ', 'Ort', 'Land', 'Anzahl Mitarbeiter']);
    expect(sut.columns.map((c) => c.field)).toEqual([
      'name',
      'address',
      'postalCode',
      'city',
      'country',
      'workerCount',
    ]);
    expect(mapHeaders(['Fournisseur', 'Pays']).columns.map((c) => c.field)).toEqual(['name', 'country']);
    expect(mapHeaders(['Proveedor', 'País', 'Ciudad']).columns.map((c) => c.field)).toEqual([
      'name',
      'country',
      'city',
    ]);
  });
});
