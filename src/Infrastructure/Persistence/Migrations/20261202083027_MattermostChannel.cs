using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MattermostChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MattermostBody",
                table: "Topics",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Email"); // every message so far is an e-mail

            migrationBuilder.AddColumn<bool>(
                name: "PostToMattermostChannel",
                table: "NotificationConfigurations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedWebhookUrl",
                table: "NotificationConfigurations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SendEmail",
                table: "NotificationConfigurations",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // every configuration so far sends e-mail

            migrationBuilder.AddColumn<bool>(
                name: "SendMattermostDirect",
                table: "NotificationConfigurations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "WebhookHint",
                table: "NotificationConfigurations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MattermostBody",
                table: "Topics");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "PostToMattermostChannel",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "ProtectedWebhookUrl",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "SendEmail",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "SendMattermostDirect",
                table: "NotificationConfigurations");

            migrationBuilder.DropColumn(
                name: "WebhookHint",
                table: "NotificationConfigurations");
        }
    }
}
