namespace IncidentBot.Integrations.Checks;

/// <summary>A threshold comparison of a Prometheus check: <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> or <c>==</c>.</summary>
internal sealed record Comparison(string Operator, double Threshold)
{
    private static readonly string[] Operators = ["<", "<=", ">", ">=", "=="];

    public static Comparison? Parse(string op, double threshold) =>
        Operators.Contains(op.Trim()) ? new Comparison(op.Trim(), threshold) : null;

    public bool Holds(double value) => Operator switch
    {
        "<" => value < Threshold,
        "<=" => value <= Threshold,
        ">" => value > Threshold,
        ">=" => value >= Threshold,
        _ => value == Threshold,
    };

    /// <summary>How far a value is from satisfying the comparison (larger = worse), to name the worst series.</summary>
    public double Badness(double value) => Operator switch
    {
        "<" or "<=" => value - Threshold,
        ">" or ">=" => Threshold - value,
        _ => Math.Abs(value - Threshold),
    };
}
