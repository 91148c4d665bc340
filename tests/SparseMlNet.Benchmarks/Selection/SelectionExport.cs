using System.Globalization;
using SparseMlNet.SelectionEvaluation;

namespace SparseMlNet.Benchmarks.Selection;

/// <summary>
/// The <c>--export-selections</c> file: one tab-separated line per test part, <c>set file method k part test_rows selected accuracy</c> (file: the data set's file name) (rows and features 0-based,
/// comma-separated; features strongest first), so that <c>crosscheck_sklearn.py</c> can score exactly these selections with scikit-learn. Written to a
/// temporary file and moved into place by <see cref="Complete"/>: an interrupted run leaves no half-written export.
/// </summary>
internal sealed class SelectionExport : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly StreamWriter _writer;

    public SelectionExport(string path)
    {
        _path = Path.GetFullPath(path);
        _temporary = _path + ".partial";
        _writer = new StreamWriter(_temporary);
        _writer.WriteLine("set\tfile\tmethod\tk\tpart\ttest_rows\tselected\taccuracy");
    }

    public void Write(string set, string file, SelectionScore score)
    {
        IReadOnlyList<SelectionPart> parts = score.Parts ?? throw new ArgumentException("The score has no parts; it does not come from SelectionComparison.", nameof(score));
        for (int p = 0; p < parts.Count; p++)
        {
            _writer.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{set}\t{file}\t{score.Method}\t{score.SelectedCount}\t{p}\t{string.Join(',', parts[p].TestRows)}\t{string.Join(',', parts[p].SelectedByRank)}\t{parts[p].Accuracy:R}"));
        }
    }

    public void Complete()
    {
        _writer.Dispose();
        File.Move(_temporary, _path, overwrite: true);
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (File.Exists(_temporary))
        {
            File.Delete(_temporary);
        }
    }
}
