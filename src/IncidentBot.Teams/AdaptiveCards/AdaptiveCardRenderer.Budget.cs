using System.Text;
using System.Text.Json.Nodes;

namespace IncidentBot.Teams.AdaptiveCards;

public sealed partial class AdaptiveCardRenderer
{
    /// <summary>The serialized size the budget is measured in: UTF-8 bytes with the default JSON encoder, which escapes
    /// every non-ASCII character (<c>\u2026</c>) and so is the largest form any sender of this card produces.</summary>
    public static int SerializedBytes(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Encoding.UTF8.GetByteCount(card.ToJsonString());
    }

    /// <summary>The whole card when it fits <see cref="AdaptiveCardLimits.CardBudgetBytes"/>; else the largest card that
    /// fits, giving up first text, then fields, then the small print, then buttons (what people act on goes last).</summary>
    private static JsonObject Fit(CardLayout layout)
    {
        var cut = layout.All;
        var card = layout.Build(cut);
        if (Fits(card)) return card;

        var text = Largest(layout.Text.Length - 1, n => Fits(layout.Build(cut with { TextChars = n })));
        if (text >= 0) return layout.Build(cut with { TextChars = text });
        cut = cut with { TextChars = 0 };

        var facts = Largest(layout.Facts.Count - 1, n => Fits(layout.Build(cut with { Facts = n })));
        if (facts >= 0) return layout.Build(cut with { Facts = facts });
        cut = cut with { Facts = 0, Context = false };

        // The title, one note and a single action are each clipped far below the budget, so this always ends.
        var actions = Largest(layout.Actions.Count, n => Fits(layout.Build(cut with { Actions = n })));
        return layout.Build(cut with { Actions = Math.Max(actions, 0) });
    }

    private static bool Fits(JsonObject card) => SerializedBytes(card) <= AdaptiveCardLimits.CardBudgetBytes;

    /// <summary>The largest n in [0, <paramref name="max"/>] for which <paramref name="fits"/> holds (size grows with n),
    /// or -1 when none does.</summary>
    private static int Largest(int max, Func<int, bool> fits)
    {
        if (max < 0 || !fits(0)) return -1;
        int lo = 0, hi = max;
        while (lo < hi)
        {
            var mid = lo + (hi - lo + 1) / 2;
            if (fits(mid)) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }
}
