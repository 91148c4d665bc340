using System.Globalization;
using System.Text;

namespace SparseMlNet.FeatureSelection;

/// <summary>Validates an unlabelled row-major feature matrix at the edge of the feature selectors, with messages that name the offending columns, and keeps its non-constant columns.</summary>
internal static class FeatureMatrixCheck
{
    private const int MaxListed = 10;

    /// <summary>
    /// Checks shape and values and finds the constant columns. Throws for: featureCount &lt; 1, a ragged or empty matrix, fewer than two rows,
    /// a name count that differs from featureCount, columns that are entirely NaN (all listed), any other NaN or infinite value (the first one's row and column).
    /// </summary>
    /// <returns>The row count and one flag per column, true when every row holds the same value.</returns>
    public static (int Rows, bool[] Constant) Run(ReadOnlySpan<float> features, int featureCount, IReadOnlyList<string>? featureNames, string parameterName)
    {
        if (featureCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "The number of features must be at least 1.");
        }

        if (features.IsEmpty || features.Length % featureCount != 0)
        {
            throw new ArgumentException(
                $"The feature matrix has {features.Length} values, which is not a whole, non-zero number of rows of {featureCount} features.", parameterName);
        }

        int rows = features.Length / featureCount;
        if (rows < 2)
        {
            throw new ArgumentException($"Feature selection needs at least two samples (rows); the matrix has {rows}.", parameterName);
        }

        if (featureNames is not null && featureNames.Count != featureCount)
        {
            throw new ArgumentException($"There are {featureNames.Count} feature names for {featureCount} features.", nameof(featureNames));
        }

        var nanCount = new int[featureCount];
        var constant = new bool[featureCount];
        var first = new float[featureCount];
        features[..featureCount].CopyTo(first);
        constant.AsSpan().Fill(true);
        int firstBadIndex = -1;
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = features.Slice(i * featureCount, featureCount);
            for (int j = 0; j < featureCount; j++)
            {
                float v = row[j];
                if (!float.IsFinite(v))
                {
                    nanCount[j] += float.IsNaN(v) ? 1 : 0;
                    if (firstBadIndex < 0 && !float.IsNaN(v))
                    {
                        firstBadIndex = (i * featureCount) + j;
                    }
                }

                // NaN compares unequal to everything, which also clears the flag; such columns fail below anyway.
                constant[j] &= v == first[j];
            }
        }

        var allNan = new List<int>();
        int firstPartialNan = -1;
        for (int j = 0; j < featureCount; j++)
        {
            if (nanCount[j] == rows)
            {
                allNan.Add(j);
            }
            else if (nanCount[j] > 0 && firstPartialNan < 0)
            {
                firstPartialNan = j;
            }
        }

        if (allNan.Count > 0)
        {
            throw new ArgumentException(
                $"Feature {Describe(allNan, featureNames)} {(allNan.Count == 1 ? "is" : "are")} entirely NaN (missing); remove {(allNan.Count == 1 ? "it" : "them")} before selecting features.",
                parameterName);
        }

        if (firstPartialNan >= 0)
        {
            for (int i = 0; i < rows; i++)
            {
                if (float.IsNaN(features[(i * featureCount) + firstPartialNan]))
                {
                    throw new ArgumentException(
                        $"Feature value at row {i}, {Describe([firstPartialNan], featureNames)} is NaN; impute or drop missing values before selecting features.",
                        parameterName);
                }
            }
        }

        if (firstBadIndex >= 0)
        {
            throw new ArgumentException(
                $"Feature value at row {firstBadIndex / featureCount}, {Describe([firstBadIndex % featureCount], featureNames)} is {features[firstBadIndex]}; features must be finite.",
                parameterName);
        }

        return (rows, constant);
    }

    /// <summary>"column 3 ('f3')" or "columns 3 ('f3'), 7 ('f7'), … (12 in all)".</summary>
    public static string Describe(IReadOnlyList<int> columns, IReadOnlyList<string>? featureNames)
    {
        var text = new StringBuilder(columns.Count == 1 ? "column " : "columns ");
        for (int i = 0; i < Math.Min(columns.Count, MaxListed); i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(columns[i].ToString(CultureInfo.InvariantCulture));
            if (featureNames is not null)
            {
                text.Append(" ('").Append(featureNames[columns[i]]).Append("')");
            }
        }

        if (columns.Count > MaxListed)
        {
            text.Append(CultureInfo.InvariantCulture, $", … ({columns.Count} in all)");
        }

        return text.ToString();
    }

    /// <summary>The indices of the columns that are not constant, in increasing order.</summary>
    public static int[] NonConstant(bool[] constant)
    {
        var kept = new List<int>(constant.Length);
        for (int j = 0; j < constant.Length; j++)
        {
            if (!constant[j])
            {
                kept.Add(j);
            }
        }

        return kept.ToArray();
    }

    /// <summary>The row-major matrix [rows, kept.Length] of the <paramref name="kept"/> columns (a copy of all when every column is kept).</summary>
    public static float[] Columns(ReadOnlySpan<float> features, int featureCount, int rows, int[] kept)
    {
        if (kept.Length == featureCount)
        {
            return features.ToArray();
        }

        var result = new float[rows * kept.Length];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = features.Slice(i * featureCount, featureCount);
            for (int j = 0; j < kept.Length; j++)
            {
                result[(i * kept.Length) + j] = row[kept[j]];
            }
        }

        return result;
    }
}
