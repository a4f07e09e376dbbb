// The look picker's page script (inlined into look-picker.html by look-picker.ts, after the
// ext-apps bundle, which puts App on globalThis.McpExtApps). It shows the result of create_look,
// get_job or approve_look: the candidates waiting for a pick, the cost question, the run still
// working, or the finished look. Every answer goes through the app-only tool answer_look_picker
// (the same flow as approve_look); images come through resources/read, as data: URLs.

const { App, applyDocumentTheme, applyHostStyleVariables } = globalThis.McpExtApps;

const ANSWER_TOOL = 'answer_look_picker';
const root = document.getElementById('root');
const app = new App({ name: 'avatar-looks look picker', version: '1.0.0' }, {});
let busy = false;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'style') node.setAttribute('style', value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child);
  return node;
}

function show(...nodes) {
  root.replaceChildren(...nodes.flat());
}

const usd = (value) => `$${Number(value ?? 0).toFixed(2)}`;
const degrees = (value) => `${Math.round(value)}°`;

/** An image of the run, read through the server (resources/read), as a data: URL. */
async function loadImage(img, uri) {
  try {
    const read = await app.readServerResource({ uri });
    const content = read.contents?.[0];
    if (content?.blob) img.src = `data:${content.mimeType ?? 'image/png'};base64,${content.blob}`;
  } catch (error) {
    img.alt = `Could not read ${uri}: ${error?.message ?? error}`;
  }
}

function fileUri(runId, path) {
  const file = String(path ?? '')
    .split(/[\\/]/)
    .pop();
  return runId && file ? `avatar-looks://runs/${runId}/${file}` : undefined;
}

function likeness(candidate) {
  if (candidate.likeness === undefined) return el('div', { class: 'muted' }, 'Likeness not measured.');
  const low = candidate.threshold !== undefined && candidate.likeness < candidate.threshold;
  const percent = (value) => `${Math.max(0, Math.min(1, value)) * 100}%`;
  return el(
    'div',
    {},
    el(
      'div',
      {},
      'Likeness ',
      // Three decimals: the review band is 0.930–0.952.
      el('strong', { class: low ? 'fail' : 'pass' }, candidate.likeness.toFixed(3)),
      candidate.threshold !== undefined ? el('span', { class: 'muted' }, ` (needs ${candidate.threshold})`) : '',
      candidate.per_reference && candidate.per_reference.length > 1
        ? el('span', { class: 'muted' }, ` · each reference ${candidate.per_reference.join(', ')}`)
        : '',
    ),
    el(
      'div',
      { class: 'meter', title: 'Likeness to your reference photo; the mark is the threshold' },
      el('div', { class: `fill${low ? ' low' : ''}`, style: `width:${percent(candidate.likeness)}` }),
      candidate.threshold !== undefined
        ? el('div', { class: 'mark', style: `left:${percent(candidate.threshold)}` })
        : '',
    ),
  );
}

function candidateCard(view, candidate) {
  const img = el('img', {
    class: 'shot',
    alt: `Candidate ${candidate.index}`,
    style: `aspect-ratio:${candidate.width}/${candidate.height}`,
    title: 'Click for the full-size image',
  });
  img.addEventListener('click', () => loadImage(img, candidate.uri), { once: true });
  loadImage(img, candidate.preview_uri);
  const pose =
    candidate.yaw !== undefined
      ? `Head yaw ${degrees(candidate.yaw)}${candidate.pitch !== undefined ? `, pitch ${degrees(candidate.pitch)}` : ''}`
      : 'Head pose not measured';
  return el(
    'article',
    {
      class: `card${candidate.recommended ? ' recommended' : ''}${candidate.passed || candidate.review ? '' : ' failed'}`,
      'data-candidate': candidate.index,
    },
    img,
    el(
      'div',
      { class: 'facts' },
      el(
        'div',
        { class: 'title' },
        `Candidate ${candidate.index}`,
        candidate.recommended ? el('span', { class: 'badge' }, 'Recommended') : '',
      ),
      likeness(candidate),
      el(
        'div',
        {},
        pose,
        candidate.faces !== undefined
          ? el('span', { class: 'muted' }, ` · ${candidate.faces} face${candidate.faces === 1 ? '' : 's'}`)
          : '',
      ),
      candidate.passed
        ? el('div', { class: 'pass' }, '✓ Passed the gate')
        : candidate.review
          ? el('div', { class: 'review' }, '? For review: the likeness is unclear — use it only if it is you')
          : el(
              'div',
              { class: 'fail' },
              '✗ Failed the gate',
              el(
                'ul',
                {},
                candidate.reasons.map((reason) => el('li', {}, reason)),
              ),
            ),
      candidate.warnings.length
        ? el(
            'ul',
            { class: 'muted' },
            candidate.warnings.map((w) => el('li', {}, w)),
          )
        : '',
      el(
        'div',
        { class: 'muted' },
        `${candidate.width}×${candidate.height} · ${candidate.provider} ${candidate.model} · round ${candidate.round}`,
      ),
      el(
        'button',
        {
          class: 'primary use',
          disabled: !candidate.passed && !candidate.review,
          title:
            candidate.passed || candidate.review
              ? undefined
              : 'Only a candidate that passed the gate (or is for review) can become the look',
          onclick: () => answer(view, 'approve', candidate.index),
        },
        'Use this one',
      ),
    ),
  );
}

function showPick(view) {
  const { approval } = view;
  const another = approval.actions.includes('another_round');
  show(
    el('h1', {}, `Choose the look for “${view.key}”`),
    el(
      'p',
      { class: 'sub' },
      `${approval.candidates.length} candidate${approval.candidates.length === 1 ? '' : 's'}, round ${approval.round}. Nothing has reached HeyGen yet. ${view.sandbox ? 'Sandbox: nothing is spent.' : `Spent so far ${usd(approval.cost.spent_usd)}; the look costs ${usd(approval.cost.heygen_look_usd)}.`}`,
    ),
    approval.note ? el('p', { class: 'note' }, approval.note) : '',
    el(
      'div',
      { class: 'grid' },
      approval.candidates.map((candidate) => candidateCard(view, candidate)),
    ),
    el(
      'div',
      { class: 'bar' },
      another
        ? el(
            'button',
            { onclick: () => answer(view, 'another_round') },
            `Another round (${usd(approval.cost.another_round_usd)})`,
          )
        : '',
      el('button', { onclick: () => answer(view, 'reject') }, 'Reject all'),
      el('span', { class: 'muted', id: 'status' }),
    ),
  );
}

function showCost(view) {
  const { approval } = view;
  show(
    el('h1', {}, `Go ahead with “${view.key}”?`),
    el('p', {}, approval.question),
    el('p', { class: 'sub' }, approval.cost.note),
    el(
      'div',
      { class: 'bar' },
      el(
        'button',
        { class: 'primary', onclick: () => answer(view, 'approve') },
        `Pay about ${usd(approval.cost.to_come_usd)} and make it`,
      ),
      el('button', { onclick: () => answer(view, 'reject') }, 'No'),
      el('span', { class: 'muted', id: 'status' }),
    ),
  );
}

function showLook(look) {
  const img = el('img', { alt: `The look ${look.look_name ?? ''}` });
  loadImage(img, fileUri(look.run_id, look.image?.preview_path) ?? look.image?.uri);
  const status = el('dd', { id: 'heygen-status' }, 'completed (when the look was made)');
  show(
    el('h1', {}, `Look ready${look.sandbox ? ' (sandbox)' : ''}`),
    el('p', { class: 'sub' }, look.note ?? `Candidate ${look.image?.index} became the look.`),
    el(
      'div',
      { class: 'look' },
      img,
      el(
        'dl',
        {},
        el('dt', {}, 'Look id'),
        el('dd', {}, el('code', { id: 'look-id' }, look.look_id)),
        el('dt', {}, 'Name'),
        el('dd', {}, look.look_name ?? ''),
        el('dt', {}, 'Avatar group'),
        el('dd', {}, el('code', {}, look.group_id ?? '')),
        el('dt', {}, 'HeyGen status'),
        status,
        el('dt', {}, 'Image'),
        el(
          'dd',
          {},
          `candidate ${look.image?.index} of ${look.candidates}, ${look.image?.width}×${look.image?.height}`,
        ),
        el('dt', {}, 'Cost'),
        el('dd', {}, look.sandbox ? 'nothing (sandbox)' : usd(look.cost_estimate_usd)),
        el('dt', {}, 'Next'),
        el('dd', {}, look.next_step ?? ''),
      ),
    ),
    el(
      'div',
      { class: 'bar' },
      el('button', { onclick: () => refreshStatus(look.look_id, status) }, 'Check HeyGen status'),
    ),
  );
  refreshStatus(look.look_id, status);
}

async function refreshStatus(lookId, target) {
  try {
    const result = await app.callServerTool({ name: 'get_look_status', arguments: { look_id: lookId } });
    const out = result.structuredContent;
    target.textContent = out ? `${out.status}${out.ready ? ' — ready for Video Agent' : ''}` : textOf(result);
  } catch (error) {
    target.textContent = `Could not ask HeyGen: ${error?.message ?? error}`;
  }
}

const textOf = (result) =>
  (result.content ?? [])
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('\n');

function setStatus(text) {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

async function answer(view, action, candidate) {
  if (busy) return;
  busy = true;
  for (const button of root.querySelectorAll('button')) button.disabled = true;
  setStatus(
    action === 'approve' ? 'Making the look…' : action === 'another_round' ? 'Making more candidates…' : 'Stopping…',
  );
  try {
    const result = await app.callServerTool(
      {
        name: ANSWER_TOOL,
        arguments: { key: view.key, action, ...(candidate ? { candidate } : {}), wait_seconds: 30 },
      },
      { timeout: 90_000 },
    );
    await render(result);
  } catch (error) {
    busy = false;
    render({
      isError: true,
      content: [{ type: 'text', text: `The answer could not be sent: ${error?.message ?? error}` }],
    });
  } finally {
    busy = false;
  }
}

/** Still running: follow the job with get_job until it answers. */
async function follow(out) {
  show(
    el('h1', {}, 'Working…'),
    el('p', { class: 'sub' }, out.progress?.message ?? out.next_step ?? 'The look is being made.'),
  );
  const result = await app.callServerTool(
    { name: 'get_job', arguments: { job_id: out.job_id, wait_seconds: 30 } },
    { timeout: 90_000 },
  );
  await render(result);
}

async function render(result) {
  const out = result.structuredContent;
  if (result.isError || !out) {
    show(
      el('h1', {}, result.isError ? 'Something went wrong' : 'Nothing to pick'),
      el('p', { style: 'white-space:pre-wrap' }, textOf(result)),
    );
    return;
  }
  if (out.status === 'awaiting_approval') return out.approval.waiting_for === 'pick' ? showPick(out) : showCost(out);
  if (out.status === 'running') return follow(out);
  if (out.status === 'rejected')
    return show(
      el('h1', {}, 'Rejected'),
      el('p', {}, `No look was made for “${out.key}”; nothing more is paid for.`),
      el('p', { class: 'sub' }, out.next_step),
    );
  if (out.status === 'completed' && out.look_id) return showLook(out);
  show(el('h1', {}, 'Nothing to pick'), el('p', { style: 'white-space:pre-wrap' }, textOf(result)));
}

function theme(context) {
  if (context?.theme) applyDocumentTheme(context.theme);
  if (context?.styles?.variables) applyHostStyleVariables(context.styles.variables);
}

app.ontoolinput = () => show(el('p', { class: 'sub' }, 'Waiting for the look…'));
app.ontoolresult = (result) => {
  render(result).catch((error) =>
    show(el('h1', {}, 'Something went wrong'), el('p', {}, String(error?.message ?? error))),
  );
};
app.onhostcontextchanged = theme;

await app.connect();
theme(app.getHostContext());
