using Microsoft.Data.Sqlite;

namespace Switchboard.Bench.YearOfData;

/// <summary>One prepared <c>INSERT</c> into a table, its parameters reused for every row.</summary>
internal sealed class TableWriter : IDisposable
{
    private readonly SqliteCommand _command;

    public TableWriter(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = $"""INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})""";
        for (var i = 0; i < columns.Length; i++)
        {
            _command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value));
        }

        _command.Prepare();
    }

    public void Row(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
