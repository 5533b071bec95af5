// The inventory round as a spreadsheet: download the template (or the organisation's records), upload the filled
// workbook for a dry run whose problems show next to their rows, then apply all rows at once.
import { send, ApiError } from '../api.js';
import { el, fill, $, status } from '../dom.js';
import { currentUser, isMember, isCurator } from '../account.js';

let checkedFile = null;

function problemsByRow(problems) {
  const rows = new Map();
  for (const p of problems) {
    if (!rows.has(p.row)) rows.set(p.row, []);
    rows.get(p.row).push(p);
  }
  return rows;
}

const actionWords = { create: 'new record', update: 'updates', unchanged: 'no change', invalid: 'not loaded' };

function renderReport(report) {
  const byRow = problemsByRow(report.problems);
  const results = [...report.results];
  // Problems of the header row (row 1) have no result of their own.
  for (const row of byRow.keys()) if (!results.some(r => r.row === row)) results.push({ row, action: 'invalid', title: null, changes: [] });
  results.sort((a, b) => (byRow.has(b.row) - byRow.has(a.row)) || a.row - b.row);

  fill($('#report-table tbody'), results.map(r => {
    const problems = byRow.get(r.row) ?? [];
    const does = r.id && r.action !== 'create' ? `${actionWords[r.action] ?? r.action} ${r.id}` : (actionWords[r.action] ?? r.action);
    return el('tr', { class: problems.length ? 'has-problem' : null, dataset: { row: String(r.row) } },
      el('th', { scope: 'row', text: String(r.row) }),
      el('td', { text: r.changes?.length ? `${does}: ${r.changes.join(', ')}` : does }),
      el('td', { text: r.title ?? '' }),
      el('td', {}, problems.length
        ? el('ul', { class: 'problems' }, problems.map(p => el('li', {}, el('strong', { text: p.column }), `: ${p.message}`)))
        : '—'));
  }));

  const problemCount = report.problems.length;
  const counts = `${report.rows} rows: ${report.create} new, ${report.update} to update, ${report.unchanged} unchanged`;
  if (report.committed) status($('#summary'), `Stored. ${counts.replace('to update', 'updated')}.`, 'notice');
  else if (problemCount) status($('#summary'), `${counts}. ${problemCount} problem${problemCount === 1 ? '' : 's'} to fix: correct the workbook and upload it again. Nothing was stored.`, 'alert');
  else status($('#summary'), `${counts}. No problems: press Apply to store every row at once.`, 'notice');
  $('#apply').disabled = report.committed || problemCount > 0 || report.create + report.update === 0;
  $('#report').classList.remove('hidden');
}

async function upload(commit) {
  const form = new FormData();
  form.append('file', checkedFile);
  try {
    const { body } = await send('POST', `/api/inventory${commit ? '?commit=true' : ''}`, form);
    renderReport(body);
    status($('#message'), '');
  } catch (e) {
    if (e instanceof ApiError && e.problem?.report) renderReport(e.problem.report);
    status($('#message'), e.message, 'alert');
  }
}

async function start() {
  const user = await currentUser();
  if (!isMember(user)) {
    status($('#message'), 'Sign in as a member of the network to load your organisation\'s inventory.', 'notice');
    return;
  }
  if (!isCurator(user) && user.organisation?.id) $('#records-link').href = `/api/datasets/export?f=xlsx&holder=${user.organisation.id}`;
  if (isCurator(user)) $('#records-link').textContent = 'All records (.xlsx)';
  $('#download').classList.remove('hidden');
  $('#upload').classList.remove('hidden');
  $('#upload-form').addEventListener('submit', async event => {
    event.preventDefault();
    checkedFile = $('#file').files[0];
    if (!checkedFile) return;
    $('#apply').disabled = true;
    await upload(false);
  });
  $('#apply').addEventListener('click', async () => {
    $('#apply').disabled = true;
    await upload(true);
  });
}

start();
