namespace PartnerSpace.Web.Features.PageEditor;

/// <summary>A text after a toolbar edit, and what to select in it afterwards.</summary>
public readonly record struct TextEdit(string Text, int SelectionStart, int SelectionEnd);

/// <summary>
/// The Markdown toolbar's edits on the body text at the selection (start, end); the editor
/// passes the end of the text when it cannot read the caret. Pure, so they are tested alone.
/// </summary>
public static class MarkdownEdits
{
    /// <summary>Surrounds the selection (or a placeholder) with a marker: <c>**bold**</c>, <c>*italic*</c>.</summary>
    public static TextEdit Wrap(string text, int start, int end, string marker, string placeholder)
    {
        (text, start, end) = Clamp(text, start, end);
        var inner = end > start ? text[start..end] : placeholder;
        var result = text[..start] + marker + inner + marker + text[end..];
        var innerStart = start + marker.Length;
        return new TextEdit(result, innerStart, innerStart + inner.Length);
    }

    /// <summary>Starts each line of the selection with a prefix: <c>## </c> for a heading, <c>- </c> for a list.</summary>
    public static TextEdit PrefixLines(string text, int start, int end, string prefix, string placeholder)
    {
        (text, start, end) = Clamp(text, start, end);
        var lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        var selected = text[lineStart..end];
        if (selected.Trim().Length == 0)
        {
            var line = prefix + placeholder;
            var result = text[..lineStart] + line + text[end..];
            return new TextEdit(result, lineStart + prefix.Length, lineStart + line.Length);
        }

        var prefixed = string.Join('\n', selected.Split('\n').Select(l => l.Length == 0 ? l : prefix + l));
        return new TextEdit(text[..lineStart] + prefixed + text[end..], lineStart, lineStart + prefixed.Length);
    }

    /// <summary>Makes the selection (or a placeholder) a link and selects the address to type.</summary>
    public static TextEdit Link(string text, int start, int end, string placeholder)
    {
        const string address = "https://";
        (text, start, end) = Clamp(text, start, end);
        var label = end > start ? text[start..end] : placeholder;
        var link = $"[{label}]({address})";
        var addressStart = start + label.Length + 3;
        return new TextEdit(text[..start] + link + text[end..], addressStart, addressStart + address.Length);
    }

    /// <summary>Inserts a block (an image) at the caret on a line of its own, and puts the caret on the next line.</summary>
    public static TextEdit InsertBlock(string text, int at, string block)
    {
        (text, at, _) = Clamp(text, at, at);
        var before = at == 0 || text[at - 1] == '\n' ? "" : "\n";
        var inserted = before + block + "\n";
        var caret = at + inserted.Length;
        return new TextEdit(text[..at] + inserted + text[at..], caret, caret);
    }

    private static (string Text, int Start, int End) Clamp(string? text, int start, int end)
    {
        text ??= "";
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        return (text, start, end);
    }
}
