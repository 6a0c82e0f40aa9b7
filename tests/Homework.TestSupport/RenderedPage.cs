// A report page as a reader's browser shows it: its DOM once it loaded and every Plotly figure drew, read through the
// process's one running chromium (the browser the pages' PNG export uses). Not a page checker: tests assert on the DOM.
using Homework.Reports;

namespace Homework.TestSupport;

/// <summary>The rendered DOM of a page on disk.</summary>
public static class RenderedPage
{
    // After the load event KaTeX has typeset (its script runs inline); Plotly may still be drawing, so wait for every
    // figure's div (id plot-<slug>) to hold its SVG. A page whose plotly.min.js did not load says so in p.error.
    private const string DomWhenDrawn = """
        new Promise(resolve => {
          const poll = () => {
            const pending = [...document.querySelectorAll('div[id^="plot-"]')].some(d => !d.querySelector(".main-svg"));
            if (!pending || document.querySelector("p.error")) resolve(document.documentElement.outerHTML);
            else setTimeout(poll, 20);
          };
          poll();
        })
        """;

    /// <summary>
    /// The serialised DOM of the page at <paramref name="path"/> (with <paramref name="query"/>, e.g. "?figure=loss")
    /// after its scripts ran and its figures drew.
    /// </summary>
    public static string Dom(string path, string query = "") => new Chromium().Evaluate(new Uri(Path.GetFullPath(path)).AbsoluteUri + query, DomWhenDrawn);
}
