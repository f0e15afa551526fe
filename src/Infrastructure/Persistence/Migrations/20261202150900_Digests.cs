using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Digests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DigestHtmlBody",
                table: "Topics",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DigestSubject",
                table: "Topics",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DigestTextBody",
                table: "Topics",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DigestItems",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DigestCron",
                table: "NotificationConfigurations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DigestEveryMinutes",
                table: "NotificationConfigurations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DigestItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConfigurationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<long>(type: "INTEGER", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RecipientEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    RecipientUsername = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Model = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OutboxMessageId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestItems", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DigestItems_EventId",
                table: "DigestItems",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_DigestItems_OutboxMessageId_ConfigurationId_RecipientEmail_EventId",
                table: "DigestItems",
                columns: new[] { "OutboxMessageId", "ConfigurationId", "RecipientEmail", "EventId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestItems");

            migrationBuilder.DropColumn(
                name: "DigestHtmlBody",
                table: "Topics");

            migrationBuilder.DropColumn(
                name: "DigestSubject",
                table: "Topics");

            migrationBuilder.DropColumn(
                name: "DigestTextBody",
                table: "Topics");

            migrationBuilder.DropColumn(
                name: "DigestItems",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "DigestCron",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "DigestEveryMinutes",
                table: "NotificationConfigurations");
        }
    }
}
