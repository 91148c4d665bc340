using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Data;

namespace SparseMlNet.ML.Tests.Support;

/// <summary>Real data sets as ML.NET data views: a text label column "Label" and a known-size float vector "Features" with slot names.</summary>
internal static class TestData
{
    private static readonly Lazy<CsvReadResult> DigitsCsv = new(() => CsvDatasetReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "sklearn_digits.csv.gz")));
    private static readonly Lazy<CsvReadResult> GolubCsv = new(() => CsvDatasetReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "golub_leukemia.csv.gz")));

    private static readonly Lazy<CsvReadResult> TissueCsv = new(() => CsvDatasetReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "tissue_gene_expression.csv.gz")));

    /// <summary>Tissue gene expression (R dslabs; 189 × 500, 7 tissues), labels "tissue0".."tissue6".</summary>
    public static IDataView Tissue(MLContext ml) => ToDataView(ml, TissueCsv.Value, "tissue");

    /// <summary>Golub's leukemia data with a Boolean label (true = AML) for the binary trainer.</summary>
    public static IDataView GolubBinary(MLContext ml)
    {
        var data = GolubCsv.Value.Dataset;
        var rows = Enumerable.Range(0, data.Count).Select(i => new BinaryRow { Label = data.Labels[i] == 1, Features = data.Row(i).ToArray(), Weight = 1f }).ToList();
        return ml.Data.LoadFromEnumerable(rows, BinaryRow.Definition(data.FeatureCount));
    }

    /// <summary>scikit-learn's 8×8 digits (1797 × 64, pixel counts 0..16), labels "digit0".."digit9".</summary>
    public static IDataView Digits(MLContext ml) => ToDataView(ml, DigitsCsv.Value, "digit");

    /// <summary>Golub et al.'s leukemia expression data (38 × 3051, standardised), labels "ALL"/"AML" from classes 0/1.</summary>
    public static IDataView Golub(MLContext ml) => ToDataView(ml, GolubCsv.Value, null, ["ALL", "AML"]);

    /// <summary>Rows of a data set as (Label, Features) records.</summary>
    public static IDataView ToDataView(MLContext ml, CsvReadResult csv, string? prefix, IReadOnlyList<string>? names = null)
    {
        var data = csv.Dataset;
        var rows = new List<LabeledRow>(data.Count);
        for (int i = 0; i < data.Count; i++)
        {
            int y = data.Labels[i];
            string label = names is not null ? names[y] : prefix + csv.ClassNames[y];
            rows.Add(new LabeledRow { Label = label, Features = data.Row(i).ToArray() });
        }

        return ml.Data.LoadFromEnumerable(rows, LabeledRow.Definition(data.FeatureCount, data.FeatureNames));
    }
}

/// <summary>One labelled row.</summary>
public sealed class LabeledRow
{
    public string Label { get; set; } = "";

    public float[] Features { get; set; } = [];

    /// <summary>A schema whose Features column is Vector&lt;Single, d&gt; with the given slot names.</summary>
    public static SchemaDefinition Definition(int featureCount, IReadOnlyList<string>? slotNames)
    {
        var definition = SchemaDefinition.Create(typeof(LabeledRow));
        var features = definition[nameof(Features)];
        features.ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        if (slotNames is not null)
        {
            var names = slotNames.Select(n => n.AsMemory()).ToArray();
            features.AddAnnotation("SlotNames", new VBuffer<ReadOnlyMemory<char>>(names.Length, names), new VectorDataViewType(TextDataViewType.Instance, names.Length));
        }

        return definition;
    }
}

/// <summary>Prediction of a pipeline that maps PredictedLabel back to text.</summary>
public sealed class TextPrediction
{
    public string PredictedLabel { get; set; } = "";

    public float[] Score { get; set; } = [];
}

/// <summary>One row with a Boolean label and an example weight.</summary>
public sealed class BinaryRow
{
    public bool Label { get; set; }

    public float[] Features { get; set; } = [];

    public float Weight { get; set; } = 1f;

    /// <summary>A schema whose Features column is Vector&lt;Single, d&gt;.</summary>
    public static SchemaDefinition Definition(int featureCount)
    {
        var definition = SchemaDefinition.Create(typeof(BinaryRow));
        definition[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return definition;
    }
}
