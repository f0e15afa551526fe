using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
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
                    Deployment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Hour = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Checks = table.Column<int>(type: "INTEGER", nullable: false),
                    Up = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenerCheckHours", x => new { x.Deployment, x.Hour });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ListenerCheckHours_Hour",
                table: "ListenerCheckHours",
                column: "Hour");

            // The checks already stored, counted per hour (At is stored as "yyyy-MM-dd HH:mm:ss…").
            migrationBuilder.Sql("""
                INSERT INTO "ListenerCheckHours" ("Deployment", "Hour", "Checks", "Up", "FirstAt")
                SELECT "Deployment", substr("At", 1, 13) || ':00:00', COUNT(*), SUM("ListenerUp"), MIN("At")
                FROM "ListenerChecks" GROUP BY "Deployment", substr("At", 1, 13)
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
