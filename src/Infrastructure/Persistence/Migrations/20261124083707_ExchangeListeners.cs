using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ExchangeListeners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ListenerChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Deployment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ListenerUp = table.Column<bool>(type: "INTEGER", nullable: false),
                    HttpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    LatencyMilliseconds = table.Column<int>(type: "INTEGER", nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ListenerError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RedisUp = table.Column<bool>(type: "INTEGER", nullable: true),
                    RedisKeys = table.Column<long>(type: "INTEGER", nullable: true),
                    RedisError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatioUp = table.Column<bool>(type: "INTEGER", nullable: true),
                    CreatioError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenerChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ListenerDeploymentStatuses",
                columns: table => new
                {
                    Deployment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    LastCheckAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastLatencyMilliseconds = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListenerDeploymentStatuses", x => x.Deployment);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ListenerChecks_At",
                table: "ListenerChecks",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ListenerChecks_Deployment_At",
                table: "ListenerChecks",
                columns: new[] { "Deployment", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ListenerChecks");

            migrationBuilder.DropTable(
                name: "ListenerDeploymentStatuses");
        }
    }
}
