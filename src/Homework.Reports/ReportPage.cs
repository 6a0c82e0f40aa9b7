// A report page: reports/<experiment>/index.html with several captioned Plotly figures, plotly.min.js beside it,
// and one PNG per figure. Not a web server: the page opens from disk, offline.
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Homework.Reports;

/// <summary>
/// The figures of one experiment, saved as one HTML page:
/// <code>
/// var page = new ReportPage("mnist", "MNIST: CS229 PS2 Q4");
/// page.Add(Figure.Line("Loss", "epoch", "loss", train, dev) with { Caption = "..." });
/// string index = page.Save("reports");
/// </code>
/// </summary>
public sealed class ReportPage
{
    /// <summary>The plotly.js file name, as copied beside every page.</summary>
    public const string PlotlyFileName = "plotly.min.js";

    private readonly List<Figure> figures = [];

    /// <summary>A page for <paramref name="experiment"/> (its folder name under the reports root) titled <paramref name="title"/>.</summary>
    public ReportPage(string experiment, string title)
    {
        if (string.IsNullOrEmpty(experiment) || !experiment.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            throw new ArgumentException(
                $"experiment name '{experiment}' is used as a folder name; use lower-case letters, digits, '-' and '_' only (e.g. \"mnist\")",
                nameof(experiment));
        Experiment = experiment;
        Title = Check.Name(title, "report page");
    }

    /// <summary>The folder name under the reports root.</summary>
    public string Experiment { get; }

    /// <summary>The page heading.</summary>
    public string Title { get; }

    /// <summary>The figures in page order.</summary>
    public IReadOnlyList<Figure> Figures => figures;

    /// <summary>Appends <paramref name="figure"/>; it needs a caption and a title no other figure of the page slugs to.</summary>
    public ReportPage Add(Figure figure)
    {
        if (string.IsNullOrWhiteSpace(figure.Caption))
            throw new ArgumentException(
                $"figure '{figure.Title}' has no caption; say what it shows with `with {{ Caption = \"...\" }}`", nameof(figure));
        if (figures.Any(f => f.Slug == figure.Slug))
            throw new ArgumentException(
                $"page '{Experiment}' already has a figure whose title becomes '{figure.Slug}'; give '{figure.Title}' a distinct title", nameof(figure));
        figures.Add(figure);
        return this;
    }

    /// <summary>The folder this page is saved in.</summary>
    public string Folder(string reportsRoot) => Path.Combine(Path.GetFullPath(reportsRoot), Experiment);

    /// <summary>Where the PNG of <paramref name="figure"/> is written.</summary>
    public string PngPath(string reportsRoot, Figure figure) => Path.Combine(Folder(reportsRoot), figure.Slug + ".png");

    /// <summary>
    /// Writes <c>&lt;reportsRoot&gt;/&lt;experiment&gt;/index.html</c>, copies plotly.min.js beside it and, when chromium is
    /// installed, exports one PNG per figure. Returns the index.html path. A PNG that cannot be made is a warning, not an error.
    /// </summary>
    public string Save(string reportsRoot, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        if (figures.Count == 0)
            throw new InvalidOperationException($"page '{Experiment}' has no figures; Add at least one before Save");
        var plotly = options.PlotlyJs ?? LocatePlotly(reportsRoot);
        if (!File.Exists(plotly))
            throw new FileNotFoundException($"{plotly} is missing; fetch plotly.js with ./scripts/setup.sh", plotly);

        // Serialised before anything is written, so an invalid figure leaves the previous page intact.
        var html = Html();
        var folder = Folder(reportsRoot);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, PlotlyFileName);
        // Same size means same plotly.js release: the copy (4.8 MB) is skipped on every re-run of an experiment.
        if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(plotly).Length)
            File.Copy(plotly, target, overwrite: true);
        var index = Path.Combine(folder, "index.html");
        File.WriteAllText(index, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        if (options.ExportPng) ExportPngs(reportsRoot, index, options);
        return index;
    }

    private void ExportPngs(string reportsRoot, string index, ReportOptions options)
    {
        var warnings = options.Warnings ?? Console.Error;
        if (!options.Chromium.IsAvailable)
        {
            warnings.WriteLine($"warning: no PNGs for report '{Experiment}': chromium not found at {options.Chromium.Executable}; " +
                               $"install it with ./scripts/setup.sh. The page {index} is complete.");
            return;
        }
        foreach (var f in figures)
        {
            var png = PngPath(reportsRoot, f);
            try
            {
                options.Chromium.Screenshot(new Uri(index).AbsoluteUri + "?figure=" + f.Slug, png, f.Width, f.Height);
            }
            catch (Exception e) when (e is ChromiumException or IOException or UnauthorizedAccessException)
            {
                warnings.WriteLine($"warning: PNG of figure '{f.Title}' not written ({e.Message}). The page {index} is complete.");
            }
        }
    }

    /// <summary>The page's HTML: figures as JSON, drawn by plotly.min.js from the same folder.</summary>
    internal string Html()
    {
        var specs = new JsonArray();
        var body = new StringBuilder();
        foreach (var f in figures)
        {
            var plot = f.ToPlotly();
            plot["slug"] = f.Slug;
            specs.Add(plot);
            body.Append(FormattableString.Invariant($"""
                <figure id="{f.Slug}">
                  <div class="plot" id="plot-{f.Slug}" style="width:{f.Width}px;height:{f.Height}px"></div>
                  <figcaption>{WebUtility.HtmlEncode(f.Caption)}</figcaption>
                </figure>

                """));
        }
        // The default encoder escapes <, > and &, so no string in the data can close the <script> element.
        var json = specs.ToJsonString();
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(Title)}}</title>
            <script src="{{PlotlyFileName}}"></script>
            <style>
              body { font-family: sans-serif; margin: 24px; color: #222; }
              figure { margin: 0 0 40px 0; }
              figcaption { max-width: 880px; margin-top: 6px; line-height: 1.4; }
              .error { color: #b00; font-weight: bold; }
              body.single { margin: 0; }
              body.single h1, body.single figcaption { display: none; }
              body.single figure { margin: 0; }
            </style>
            </head>
            <body>
            <h1>{{WebUtility.HtmlEncode(Title)}}</h1>
            {{body}}<script>
            const figures = {{json}};
            // ?figure=<slug> shows that figure alone at its own size: the PNG exporter screenshots this view.
            const only = new URLSearchParams(location.search).get("figure");
            if (typeof Plotly === "undefined") {
              document.body.insertAdjacentHTML("afterbegin",
                '<p class="error">plotly.min.js did not load: it belongs next to this page. Run ./scripts/setup.sh, then re-run the experiment.</p>');
            } else {
              if (only) document.body.classList.add("single");
              for (const f of figures) {
                if (only && f.slug !== only) { document.getElementById(f.slug).remove(); continue; }
                Plotly.newPlot("plot-" + f.slug, f.data, f.layout, { displaylogo: false, displayModeBar: only ? false : "hover" });
              }
            }
            </script>
            </body>
            </html>

            """;
    }

    private static string LocatePlotly(string reportsRoot)
    {
        var relative = Path.Combine("data", "plotly", PlotlyFileName);
        string[] starts = [Path.GetFullPath(reportsRoot), Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
        foreach (var start in starts)
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException(
            $"{relative} not found above {string.Join(", ", starts.Distinct())}; fetch plotly.js with ./scripts/setup.sh");
    }
}
