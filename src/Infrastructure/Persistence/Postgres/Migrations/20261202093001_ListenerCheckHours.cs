using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ListenerCheckHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ListenerCheckHours",
                columns: table => new
                {
                    Deployment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Hour = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Checks = table.Column<int>(type: "integer", nullable: false),
                    Up = table.Column<int>(type: "integer", nullable: false),
                    FirstAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenerCheckHours", x => new { x.Deployment, x.Hour });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ListenerCheckHours_Hour",
                table: "ListenerCheckHours",
                column: "Hour");

            // The checks already stored, counted per hour of UTC.
            migrationBuilder.Sql("""
                INSERT INTO "ListenerCheckHours" ("Deployment", "Hour", "Checks", "Up", "FirstAt")
                SELECT "Deployment", date_trunc('hour', "At" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', COUNT(*)::int,
                       SUM(CASE WHEN "ListenerUp" THEN 1 ELSE 0 END)::int, MIN("At")
                FROM "ListenerChecks" GROUP BY 1, 2
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ListenerCheckHours");
        }
    }
}
