// The body editor's caret: read before a toolbar edit, put back after it (S-1.3).
export function selection(box) {
    const area = box?.querySelector('textarea');
    return area ? [area.selectionStart, area.selectionEnd] : null;
}

export function select(box, start, end) {
    const area = box?.querySelector('textarea');
    if (area) {
        area.focus();
        area.setSelectionRange(start, end);
    }
}
