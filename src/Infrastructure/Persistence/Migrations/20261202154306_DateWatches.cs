using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
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
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WatchOffsetDays",
                table: "NotificationConfigurations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlannedNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConfigurationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Identity = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IdentityKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DateValue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FireOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EventId = table.Column<long>(type: "INTEGER", nullable: true),
                    PlannedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
