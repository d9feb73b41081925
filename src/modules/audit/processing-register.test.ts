import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema.js';
import { loadConfig } from '../../server/config.js';
import {
  columnsWithoutPersonalData,
  registerTables,
  tablesWithoutPersonalData,
} from './processing-register.js';
import { configFacts } from './register-facts.js';
import { writeRegister } from './register-markdown.js';
import * as vocabulary from './register-vocabulary.js';
import { registerWords, securityMeasures } from './register-words.js';

/** Every table of the Drizzle schema and its columns, as the database names them. */
const schemaTables = new Map(
  (Object.values(schema) as unknown[])
    .filter((v): v is PgTable => v instanceof PgTable)
    .map((t) => {
      const c = getTableConfig(t);
      return [c.name, new Set(c.columns.map((col) => col.name))] as const;
    }),
);

/** Words in a column's name that say it may hold a person's data; each such column must be placed. */
const personalWords = new Set(
  'name names email phone cin birth address description body text ip subject note comment reason script purpose fields payload filters data ics secret secrets password hash key token nonce visitor mandate country zone search skeleton'.split(
    ' ',
  ),
);
const looksPersonal = (column: string) => column.split('_').some((w) => personalWords.has(w));

describe('the processing register', () => {
  it('places every table of the schema, once', () => {
    const registered = registerTables.map((t) => t.table);
    expect(new Set(registered).size).toBe(registered.length);
    for (const table of schemaTables.keys()) {
      const places = Number(registered.includes(table)) + Number(table in tablesWithoutPersonalData);
      expect(places, `${table}: add it to the register, or to the tables without personal data`).toBe(1);
    }
  });

  it('names only tables and columns that exist', () => {
    for (const t of registerTables) {
      const columns = schemaTables.get(t.table);
      expect(columns, t.table).toBeDefined();
      for (const column of Object.keys(t.columns))
        expect(columns!.has(column), `${t.table}.${column}`).toBe(true);
    }
    for (const table of Object.keys(tablesWithoutPersonalData))
      expect(schemaTables.has(table), table).toBe(true);
    for (const name of Object.keys(columnsWithoutPersonalData)) {
      const [table, column] = name.split('.');
      expect(schemaTables.get(table!)?.has(column!), name).toBe(true);
    }
  });

  it('places every column that looks personal in a table holding personal data', () => {
    const missing: string[] = [];
    for (const [table, columns] of schemaTables) {
      if (table in tablesWithoutPersonalData) continue;
      const entry = registerTables.find((t) => t.table === table)!;
      for (const column of columns) {
        const placed = column in entry.columns || `${table}.${column}` in columnsWithoutPersonalData;
        if (looksPersonal(column) && !placed) missing.push(`${table}.${column}`);
      }
    }
    expect(missing, 'add these to the register, or to the columns without personal data').toEqual([]);
  });

  it('says everything in Arabic, French and English, with the same placeholders', () => {
    const texts = [
      ...Object.values(vocabulary.dataCategories),
      ...Object.values(vocabulary.processings).flatMap((p) => [p.name, p.purpose, p.legalBasis]),
      ...Object.values(vocabulary.retentionRules),
      ...Object.values(vocabulary.recipients),
      ...Object.values(registerWords),
      ...securityMeasures,
    ];
    const marks = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const text of texts) {
      for (const lang of ['ar', 'fr'] as const) {
        expect(text[lang], text.en).toBeTruthy();
        expect(marks(text[lang]), text.en).toEqual(marks(text.en));
      }
    }
  });

  it('writes every column it knows, with the configured periods and no provider credentials', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      RETENTION_MONTHS: '48',
      SMTP_URL: 'smtp://user:hunter2-secret@mail.example.ma:587',
      WHATSAPP_PROVIDER: 'cloud',
      WHATSAPP_PHONE_NUMBER_ID: '1',
      WHATSAPP_ACCESS_TOKEN: 'token-secret',
    });
    for (const lang of ['ar', 'fr', 'en'] as const) {
      const md = writeRegister(configFacts(config, new Date('2026-12-07T10:00:00Z')), lang);
      for (const t of registerTables)
        for (const column of Object.keys(t.columns)) expect(md).toContain(`\`${t.table}.${column}\``);
      expect(md).toContain('48');
      expect(md).toContain('`mail.example.ma`');
      expect(md).toContain('`graph.facebook.com`');
      expect(md).not.toMatch(/hunter2|token-secret|\{\w+\}/);
    }
  });
});
