using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ChatOpsBridges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Bridges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    TriggerWords = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProtectedWebhookTokens = table.Column<string>(type: "TEXT", nullable: false),
                    WebhookTokenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    GlpiUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ProtectedAppToken = table.Column<string>(type: "TEXT", nullable: false),
                    ProtectedUserToken = table.Column<string>(type: "TEXT", nullable: false),
                    RequestSourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    TicketType = table.Column<int>(type: "INTEGER", nullable: false),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    SuccessReply = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FailureReply = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bridges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BridgeCalls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BridgeId = table.Column<int>(type: "INTEGER", nullable: false),
                    PostId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ChannelName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TeamDomain = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TriggerWord = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: true),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    GlpiMilliseconds = table.Column<int>(type: "INTEGER", nullable: true),
                    ReplyMilliseconds = table.Column<int>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BridgeCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BridgeCalls_Bridges_BridgeId",
                        column: x => x.BridgeId,
                        principalTable: "Bridges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_BridgeId_PostId",
                table: "BridgeCalls",
                columns: new[] { "BridgeId", "PostId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_BridgeId_ReceivedAt",
                table: "BridgeCalls",
                columns: new[] { "BridgeId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_ReceivedAt",
                table: "BridgeCalls",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_Status_NextAttemptAt",
                table: "BridgeCalls",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_UserName_ReceivedAt",
                table: "BridgeCalls",
                columns: new[] { "UserName", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Bridges_Name",
                table: "Bridges",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BridgeCalls");

            migrationBuilder.DropTable(
                name: "Bridges");
        }
    }
}
