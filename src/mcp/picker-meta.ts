// Where the look picker app (look-picker.ts) is linked from a tool's definition: hosts that render
// MCP Apps show it with that tool's results (create_look, get_job, approve_look).

export const PICKER_URI = 'ui://avatar-looks/look-picker.html';

/** `_meta.ui.resourceUri` as the MCP Apps spec says, and the flat key older hosts still read. */
export const PICKER_META = { ui: { resourceUri: PICKER_URI }, 'ui/resourceUri': PICKER_URI };
