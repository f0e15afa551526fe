using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DateWatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WatchAttribute",
                table: "NotificationConfigurations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WatchOffsetDays",
                table: "NotificationConfigurations",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlannedNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConfigurationId = table.Column<int>(type: "integer", nullable: false),
                    Identity = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IdentityKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DateValue = table.Column<DateOnly>(type: "date", nullable: false),
                    FireOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: true),
                    PlannedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlannedNotifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedNotifications_ConfigurationId_IdentityKey_DateValue",
                table: "PlannedNotifications",
                columns: new[] { "ConfigurationId", "IdentityKey", "DateValue" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlannedNotifications_ConfigurationId_Status_FireOn_Id",
                table: "PlannedNotifications",
                columns: new[] { "ConfigurationId", "Status", "FireOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedNotifications_IdentityKey_Status_FireOn_Id",
                table: "PlannedNotifications",
                columns: new[] { "IdentityKey", "Status", "FireOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedNotifications_Status_FireOn_Id",
                table: "PlannedNotifications",
                columns: new[] { "Status", "FireOn", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlannedNotifications");

            migrationBuilder.DropColumn(
                name: "WatchAttribute",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "WatchOffsetDays",
                table: "NotificationConfigurations");
        }
    }
}
