using CsvHelper;

namespace SparseMlNet.Data;

/// <summary>Checks that a CSV row has one field per header column, telling a file cut in the middle of its last row from a ragged row.</summary>
public static class CsvRowCheck
{
    /// <summary>Throws unless the parser's current row has exactly <paramref name="columns"/> fields.</summary>
    /// <param name="parser">A CsvHelper parser positioned on a data row (after <c>Read()</c> returned true).</param>
    /// <param name="columns">Number of header columns; Range: ≥ 1.</param>
    /// <param name="path">The file name, for the message.</param>
    /// <exception cref="InvalidDataException">
    /// The row has another number of fields: "ends early" when it is the last row, has too few fields and no line break ends it (a truncated file),
    /// otherwise the line and both counts.
    /// </exception>
    /// <remarks>On a short row this reads one row ahead to learn whether it is the last; the parser is not used further, since this throws.</remarks>
    public static void RequireFieldCount(IParser parser, int columns, string path)
    {
        ArgumentNullException.ThrowIfNull(parser);
        if (parser.Count == columns)
        {
            return;
        }

        int line = parser.RawRow;
        int count = parser.Count;
        string raw = parser.RawRecord;
        bool endsLine = raw.EndsWith('\n') || raw.EndsWith('\r');
        if (count < columns && !endsLine && !parser.Read())
        {
            throw new InvalidDataException(
                $"File '{path}' ends early: its last row (line {line}) has {count} of the header's {columns} fields, and no line break ends it, so the file was cut in the middle of a row. Copy or export it again.");
        }

        throw new InvalidDataException(
            $"File '{path}', line {line}: the row has {count} fields but the header has {columns} columns; every row needs one field per column.");
    }
}
