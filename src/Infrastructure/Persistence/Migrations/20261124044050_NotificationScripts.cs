using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NotificationScripts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailureCount",
                table: "NotificationConfigurations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastFailure",
                table: "NotificationConfigurations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastFailureAt",
                table: "NotificationConfigurations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecipientsScript",
                table: "NotificationConfigurations",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuleScript",
                table: "NotificationConfigurations",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailureCount",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "LastFailure",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "LastFailureAt",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "RecipientsScript",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "RuleScript",
                table: "NotificationConfigurations");
        }
    }
}
