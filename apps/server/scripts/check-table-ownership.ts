// "Only a module reads its tables" (docs/ARCHITECTURE.md, "Boundaries"), for what import rules cannot see:
// 1. no module's api.ts exports a Drizzle table (another module could then query it through the public surface);
// 2. no raw SQL mentions a table that another module (or platform/) owns. Owners come from each schema.ts itself.
// Run by `npm run lint:boundaries`; exits 1 and names each violation.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getTableName, is, Table, View } from 'drizzle-orm';
import ts from 'typescript';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(serverDir, 'src');
const modulesDir = path.join(srcDir, 'modules');
const moduleNames = readdirSync(modulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const load = async (file: string): Promise<Record<string, unknown>> =>
  (await import(pathToFileURL(file).href)) as Record<string, unknown>;
const exists = (file: string) => {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
};

/** table name → owner ('platform' or a module's folder name) */
async function tableOwners(): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const schemas: [string, string][] = [
    ['platform', path.join(srcDir, 'platform/schema.ts')],
    ...moduleNames.map((m): [string, string] => [m, path.join(modulesDir, m, 'schema.ts')]),
  ];
  for (const [owner, file] of schemas) {
    if (!exists(file)) continue;
    for (const value of Object.values(await load(file))) if (is(value, Table)) owners.set(getTableName(value), owner);
  }
  return owners;
}

async function apiTableExports(): Promise<string[]> {
  const found: string[] = [];
  for (const m of moduleNames) {
    const file = path.join(modulesDir, m, 'api.ts');
    if (!exists(file)) continue;
    for (const [name, value] of Object.entries(await load(file)))
      if (is(value, Table) || is(value, View)) found.push(`modules/${m}/api.ts exports the table ${name}`);
  }
  return found;
}

/** The literal text of every SQL fragment in a file: sql`…` templates, sql.raw('…'), and .query('…')/.execute('…'). */
function sqlFragments(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const literalText = (n: ts.Node): string | undefined => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
    if (ts.isTemplateExpression(n))
      return [n.head.text, ...n.templateSpans.map((s) => ` $ ${s.literal.text}`)].join('');
    return undefined;
  };
  const visit = (n: ts.Node) => {
    if (ts.isTaggedTemplateExpression(n) && /(^|\.)sql$/.test(n.tag.getText(source))) {
      out.push(literalText(n.template) ?? '');
    } else if (ts.isCallExpression(n) && /(^sql\.raw|\.query|\.execute|\.exec)$/.test(n.expression.getText(source))) {
      const first = n.arguments[0];
      const text = first && literalText(first);
      if (text !== undefined) out.push(text);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

/** Table names in table position (FROM/JOIN/UPDATE/INTO/TABLE …) or qualifying a column (orders.status). */
function tablesMentioned(sqlText: string): string[] {
  const text = sqlText.replace(/'(?:[^']|'')*'/g, "''").toLowerCase();
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:from|join|update|into|table|truncate)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/g))
    names.add(m[1]!);
  for (const m of text.matchAll(/"?\b([a-z_][a-z0-9_]*)"?\.[a-z_"*]/g)) names.add(m[1]!);
  return [...names];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Who a file speaks for: its module, 'platform', or null for clients of the services (seed, test, scripts, …). */
function ownerOfFile(file: string): string | null {
  const rel = path.relative(srcDir, file).split(path.sep);
  if (rel[0] === 'modules' && rel.length > 2) return rel[1]!;
  if (rel[0] === 'platform') return 'platform';
  return null;
}

const owners = await tableOwners();
const violations = await apiTableExports();
for (const file of sourceFiles(serverDir)) {
  if (file.includes(`${path.sep}migrations${path.sep}`)) continue;
  const self = ownerOfFile(file);
  for (const fragment of sqlFragments(file))
    for (const table of tablesMentioned(fragment)) {
      const owner = owners.get(table);
      if (owner !== undefined && owner !== self)
        violations.push(
          `${path.relative(serverDir, file)}: raw SQL on ${table}, a table of ${owner === 'platform' ? 'platform/' : `the ${owner} module`}`,
        );
    }
}

if (violations.length > 0) {
  console.error(`Table ownership: ${violations.length} violation(s) (docs/ARCHITECTURE.md, "Boundaries"):`);
  for (const v of violations) console.error(`  ${v}`);
  process.exit(1);
}
console.log(
  `Table ownership: ${owners.size} tables in ${new Set(owners.values()).size} owners, no foreign SQL, no table in an api.ts.`,
);
