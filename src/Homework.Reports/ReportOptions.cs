// How a report page is saved: where plotly.min.js and KaTeX come from, whether and how PNGs are exported.
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

    /// <summary>
    /// The KaTeX folder (<c>katex.min.js</c>, <c>katex.min.css</c>, <c>fonts/</c>) copied beside each page with Markdown.
    /// Null: <c>data/katex</c>, found as <see cref="PlotlyJs"/> is.
    /// </summary>
    public string? Katex { get; init; }

    /// <summary>Export each figure to <c>&lt;slug&gt;.png</c> with headless chromium, when it is installed.</summary>
    public bool ExportPng { get; init; } = true;

    /// <summary>The browser used for PNG export.</summary>
    public Chromium Chromium { get; init; } = new();

    /// <summary>Where warnings go (PNG export failures); null means standard error.</summary>
    public TextWriter? Warnings { get; init; }

    /// <summary>
    /// When <see cref="ExportPng"/>: starts <see cref="Chromium"/> in the background with the plotly.js of pages saved
    /// under <paramref name="reportsRoot"/> loaded in its exporter tab, so both overlap other work (<see cref="Chromium.Prestart"/>).
    /// </summary>
    public void PrestartExport(string reportsRoot)
    {
        if (!ExportPng) return;
        string? plotly;
        try
        {
            plotly = ReportPage.PlotlyJs(reportsRoot, this);
        }
        catch (FileNotFoundException)
        {
            plotly = null; // saving the page says what is missing
        }
        Chromium.Prestart(plotly);
    }
}
