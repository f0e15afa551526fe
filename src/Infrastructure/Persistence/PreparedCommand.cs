using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Switchboard.Infrastructure.Persistence;

/// <summary>
/// A SQL command compiled once and run for every row of a batch. Saving rows one by one through the change tracker
/// compiles a statement per row, which is what makes it about thirty times slower on SQLite. The SQL is plain, with quoted
/// names; where SQLite and PostgreSQL need different words the two statements stand side by side at the call.
/// </summary>
internal static class PreparedCommand
{
    public static DbCommand Create(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }

        // Npgsql prepares by itself after a statement's second use on a connection (PostgresConnectionSettings), and
        // then re-prepares when a parameter's type changes (a NULL, then a value), which an explicit Prepare() cannot.
        if (connection is SqliteConnection)
        {
            command.Prepare();
        }

        return command;
    }

    /// <summary>Sets the parameters in the order they were named.</summary>
    public static void Set(this DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
