using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EntityEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EntityEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EntityId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Identity = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    System = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedFrom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DirectorySync = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DirectorySyncedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DirectorySyncError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntityEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_DirectorySync_Id",
                table: "EntityEvents",
                columns: new[] { "DirectorySync", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_EventId",
                table: "EntityEvents",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_Identity_Id",
                table: "EntityEvents",
                columns: new[] { "Identity", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_ReceivedAt",
                table: "EntityEvents",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EntityEvents");
        }
    }
}
