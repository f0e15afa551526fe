using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Postgres.Migrations
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DigestSubject",
                table: "Topics",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DigestTextBody",
                table: "Topics",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DigestItems",
                table: "OutboxMessages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DigestCron",
                table: "NotificationConfigurations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DigestEveryMinutes",
                table: "NotificationConfigurations",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DigestItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConfigurationId = table.Column<int>(type: "integer", nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    Topic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RecipientEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    RecipientUsername = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Model = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OutboxMessageId = table.Column<long>(type: "bigint", nullable: true)
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
                name: "IX_DigestItems_OutboxMessageId_ConfigurationId_RecipientEmail_~",
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
