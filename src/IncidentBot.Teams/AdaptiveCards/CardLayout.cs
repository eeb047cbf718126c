using System.Text.Json.Nodes;

namespace IncidentBot.Teams.AdaptiveCards;

/// <summary>
/// The prepared pieces of one card (escaped, clipped, actions built) and how to assemble them with only part of the
/// text, fields, small print or buttons, so <see cref="AdaptiveCardRenderer"/> can look for the largest card that fits.
/// </summary>
internal sealed class CardLayout(
    string title,
    string titleColor,
    string text,
    IReadOnlyList<(string Title, string Value)> facts,
    string? context,
    IReadOnlyList<JsonObject> actions,
    string? incidentId)
{
    /// <summary>Cleaned, untrimmed-by-budget text.</summary>
    public string Text => text;

    /// <summary>Escaped facts.</summary>
    public IReadOnlyList<(string Title, string Value)> Facts => facts;

    /// <summary>Rendered actions (never attached to a card; each build clones them).</summary>
    public IReadOnlyList<JsonObject> Actions => actions;

    /// <summary>How much of everything to show.</summary>
    public Cut All => new(text.Length, facts.Count, true, actions.Count);

    /// <summary>Assembles the card with the first <see cref="Cut.TextChars"/> characters of text, the first
    /// <see cref="Cut.Facts"/> facts and <see cref="Cut.Actions"/> actions; anything cut is named in a note.</summary>
    public JsonObject Build(Cut cut)
    {
        var heading = AdaptiveCardRenderer.TextBlock(title);
        heading["weight"] = "bolder";
        heading["size"] = "medium";
        heading["style"] = "heading";
        heading["color"] = titleColor;
        var body = new JsonArray { heading };

        var textCut = cut.TextChars < text.Length;
        var shown = textCut ? text[..TeamsText.SafeCut(text, cut.TextChars)].TrimEnd() + TeamsText.Ellipsis : text;
        if (cut.TextChars == 0) shown = "";
        foreach (var block in AdaptiveCardRenderer.TextBlocks(shown)) body.Add(block);

        if (cut.Facts > 0)
        {
            var list = new JsonArray();
            foreach (var (t, v) in facts.Take(cut.Facts)) list.Add(new JsonObject { ["title"] = t, ["value"] = v });
            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = list });
        }

        if (Note(textCut, facts.Count - cut.Facts, actions.Count - cut.Actions) is { } note) body.Add(note);

        for (var i = 0; i < cut.Actions; i += AdaptiveCardLimits.MaxActionsPerSet)
        {
            var take = Math.Min(AdaptiveCardLimits.MaxActionsPerSet, cut.Actions - i);
            body.Add(AdaptiveCardRenderer.ActionSet(actions.Skip(i).Take(take).Select(a => (JsonObject)a.DeepClone())));
        }

        if (cut.Context && context is not null)
        {
            var small = AdaptiveCardRenderer.TextBlock(context);
            small["size"] = "small";
            small["isSubtle"] = true;
            small["spacing"] = "medium";
            body.Add(small);
        }

        return new JsonObject
        {
            ["$schema"] = AdaptiveCardLimits.SchemaUrl,
            ["type"] = "AdaptiveCard",
            ["version"] = AdaptiveCardLimits.Version,
            ["body"] = body,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };
    }

    private JsonObject? Note(bool textCut, int factsCut, int actionsCut)
    {
        var what = new List<string>();
        if (textCut) what.Add("the rest of the text");
        if (factsCut > 0) what.Add($"{factsCut} field(s)");
        if (actionsCut > 0) what.Add($"{actionsCut} button(s)");
        if (what.Count == 0) return null;
        var how = incidentId is { Length: > 0 } id
            ? $"Ask IncidentBot for 'status {id}' or 'export {id}' to see everything."
            : "Ask IncidentBot for 'help'.";
        var note = AdaptiveCardRenderer.TextBlock(TeamsText.Markdown($"… Shortened for Teams: {string.Join(", ", what)} not shown. {how}"));
        note["size"] = "small";
        note["color"] = "warning";
        return note;
    }
}
