using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// A batch's rows as one JSON array parameter, and the SQL that reads it back as a table: SQLite's <c>jsonb_each</c>
/// (each column <c>value -&gt;&gt; '$.name'</c>; <c>json_each</c> would hand every row over as text and parse it again for
/// each column, about 40% slower for the messages' 22 columns), PostgreSQL's <c>jsonb_to_recordset</c>. One statement then stores a
/// whole batch; <c>"ord"</c> is each row's place in the array. Null values are left out (both read a missing key as NULL).
/// </summary>
internal sealed class JsonRows : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly bool _postgres;

    public JsonRows(bool postgres)
    {
        _postgres = postgres;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _json.WriteStartArray();
    }

    public int Count { get; private set; }

    /// <summary>The table of <paramref name="parameter"/>, aliased <c>r</c>; <paramref name="columns"/> as name and PostgreSQL type.</summary>
    public static string From(bool postgres, string parameter, params (string Name, string Type)[] columns) => postgres
        ? $"""ROWS FROM (jsonb_to_recordset(@{parameter}::jsonb) AS ({string.Join(", ", columns.Select(c => $"\"{c.Name}\" {c.Type}"))})) WITH ORDINALITY AS r({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}, "ord")"""
        : $"""(SELECT key AS "ord", {string.Join(", ", columns.Select(c => $"value ->> '$.{c.Name}' AS \"{c.Name}\""))} FROM jsonb_each(@{parameter})) AS r""";

    /// <summary>A JSON array of strings (a key list), for <c>IN (SELECT …)</c>.</summary>
    public static string Keys(bool postgres, string parameter) =>
        postgres ? $"SELECT jsonb_array_elements_text(@{parameter}::jsonb)" : $"SELECT value FROM json_each(@{parameter})";

    public static string Array(IEnumerable<string> values) => JsonSerializer.Serialize(values);

    public JsonRows Row()
    {
        if (Count > 0)
        {
            _json.WriteEndObject();
        }

        _json.WriteStartObject();
        Count++;
        return this;
    }

    public JsonRows Add(string name, string? value)
    {
        if (value is not null)
        {
            _json.WriteString(name, value);
        }

        return this;
    }

    public JsonRows Add(string name, long? value)
    {
        if (value is { } number)
        {
            _json.WriteNumber(name, number);
        }

        return this;
    }

    public JsonRows Add(string name, bool value)
    {
        _json.WriteBoolean(name, value);
        return this;
    }

    /// <summary>Written as each provider stores a <see cref="DateTime"/>: SQLite's text (EF Core's format, so it sorts and compares), PostgreSQL's UTC to the microsecond.</summary>
    public JsonRows Add(string name, DateTime? value)
    {
        if (value is { } time)
        {
            _json.WriteString(name, _postgres
                ? DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString(@"yyyy\-MM\-dd\THH\:mm\:ss.ffffff\Z", CultureInfo.InvariantCulture)
                : time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture));
        }

        return this;
    }

    /// <summary>A command running <paramref name="sql"/> with these rows as its <c>@rows</c> parameter.</summary>
    public DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@rows";
        parameter.Value = ToString();
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> with these rows as its <c>@rows</c> parameter; nothing when there are none.</summary>
    /// <returns>How many rows the statement changed.</returns>
    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        if (Count == 0)
        {
            return 0;
        }

        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override string ToString()
    {
        if (Count > 0)
        {
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    public void Dispose() => _json.Dispose();
}
