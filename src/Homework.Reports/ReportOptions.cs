// How a report page is saved: where plotly.min.js comes from, whether and how PNGs are exported.
// Defaults suit the `homework` command; tests override them.
namespace Homework.Reports;

/// <summary>Settings for <see cref="ReportPage.Save"/>.</summary>
public sealed record ReportOptions
{
    /// <summary>
    /// The plotly.js bundle copied beside each page. Null: <c>data/plotly/plotly.min.js</c> in the nearest
    /// ancestor of the reports folder, the working directory or the program's folder that has one.
    /// </summary>
    public string? PlotlyJs { get; init; }

    /// <summary>Export each figure to <c>&lt;slug&gt;.png</c> with headless chromium, when it is installed.</summary>
    public bool ExportPng { get; init; } = true;

    /// <summary>The browser used for PNG export.</summary>
    public Chromium Chromium { get; init; } = new();

    /// <summary>Where warnings go (PNG export failures); null means standard error.</summary>
    public TextWriter? Warnings { get; init; }
}
