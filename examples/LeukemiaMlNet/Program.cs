// Microarray feature selection in ML.NET: the ALL leukemia data (Chiaretti et al. 2004; 128 patients × 12625 probe sets, B- vs T-lineage).
// Pipeline: SelectFeaturesQuickSelection (k genes, default options) → NormalizeMeanVariance → L-BFGS logistic regression, 5-fold cross-validated so that
// the genes are chosen on the training folds only; next to the same pipeline with ML.NET's SelectFeaturesBasedOnMutualInformation
// and with all genes.
// Data: ../shared/data/all_leukemia_bt.csv.gz (searched upwards from the working directory), or the path given as first argument.
// Run: dotnet run --project examples/LeukemiaMlNet -c Release [-- path/to/all_leukemia_bt.csv.gz [k [folds]]]   (defaults: k = 20, 5 folds)
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparseMlNet.Data;
using SparseMlNet.ML.FeatureSelection;

string path = args.Length > 0 ? args[0] : FindSharedData("all_leukemia_bt.csv.gz");
int k = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
int foldCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var ml = new MLContext(seed: 1);

// 1. Load: label 0 = B-lineage, 1 = T-lineage; one column per probe set (RMA log2 expression), kept as slot names.
Dataset data = CsvDatasetReader.Read(path).Dataset;
var rows = new List<Patient>(data.Count);
for (int i = 0; i < data.Count; i++)
{
    rows.Add(new Patient { Label = data.Labels[i] == 1, Features = data.Row(i).ToArray() });
}

IDataView view = ml.Data.LoadFromEnumerable(rows, Patient.Definition(data.FeatureCount, data.FeatureNames!));
Console.WriteLine($"{data.Count} patients × {data.FeatureCount} probe sets ({rows.Count(r => r.Label)} T-lineage); selecting k = {k} genes.");

// 2. Three pipelines that differ only in the feature-selection step. The selection sees the raw expression values: QuickSelection's
// default scaling centres genes with one pooled scale when there are fewer patients than genes (standardising first would give every
// noise gene the spread of the informative ones), and its default on data this small is an ensemble of 10 autoencoders (stable genes).
// The selected genes are then standardised for the classifier; fixZero: false centres as well as scales (ML.NET's default only divides).
var quickSelection = ml.Transforms.SelectFeaturesQuickSelection("Selected", "Features", k, new QuickSelectionEstimatorOptions
{
    DropConstantFeatures = true,
    Seed = 42,
});
// 8 bins: with ML.NET's default 256 bins and ~100 patients every gene looks maximally informative.
var mutualInformation = ml.Transforms.FeatureSelection.SelectFeaturesBasedOnMutualInformation("Selected", "Features", labelColumnName: "Label", slotsInOutput: k, numberOfBins: 8);
var all = ml.Transforms.CopyColumns("Selected", "Features");
var normalize = ml.Transforms.NormalizeMeanVariance("Selected", fixZero: false);
var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(featureColumnName: "Selected");

foreach (var (name, selection) in new (string, IEstimator<ITransformer>)[] { ("QuickSelection", quickSelection), ("Mutual information", mutualInformation), ("All genes", all) })
{
    var pipeline = selection.Append(normalize).Append(trainer);
    var watch = Stopwatch.StartNew();
    var folds = ml.BinaryClassification.CrossValidateNonCalibrated(view, pipeline, numberOfFolds: foldCount, seed: 7);
    Console.WriteLine(
        $"{name,-20} accuracy {folds.Average(f => f.Metrics.Accuracy):P1}  AUC {folds.Average(f => f.Metrics.AreaUnderRocCurve):F3}  F1 {folds.Average(f => f.Metrics.F1Score):F3}  ({watch.Elapsed.TotalSeconds:F1} s for {foldCount} folds)");
}

// 3. The genes QuickSelection picks on all patients, strongest first.
var selector = quickSelection.Fit(view);
var top = selector.SelectedIndices.OrderByDescending(i => selector.Scores[i]).Take(10);
Console.WriteLine("Strongest QuickSelection probe sets: " + string.Join(", ", top.Select(i => $"{data.FeatureNames![i]} ({selector.Scores[i]:F2})")));

static string FindSharedData(string file)
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        foreach (string candidate in new[] { Path.Combine(dir.FullName, "..", "shared", "data", file), Path.Combine(dir.FullName, "shared", "data", file) })
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
    }

    throw new FileNotFoundException($"Cannot find shared/data/{file} beside the repository; give its path as the first argument.");
}

/// <summary>One patient: T-lineage or not, and the expression of every probe set.</summary>
internal sealed class Patient
{
    public bool Label { get; set; }

    public float[] Features { get; set; } = [];

    public static SchemaDefinition Definition(int genes, IReadOnlyList<string> names)
    {
        var definition = SchemaDefinition.Create(typeof(Patient));
        var features = definition[nameof(Features)];
        features.ColumnType = new VectorDataViewType(NumberDataViewType.Single, genes);
        var slotNames = names.Select(n => n.AsMemory()).ToArray();
        features.AddAnnotation("SlotNames", new VBuffer<ReadOnlyMemory<char>>(genes, slotNames), new VectorDataViewType(TextDataViewType.Instance, genes));
        return definition;
    }
}
