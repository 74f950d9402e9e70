using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerSpace.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddLeadCategoriesQualificationWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Answers",
                table: "Leads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Consent",
                table: "Leads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ConsentAt",
                table: "Leads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConsentWithdrawnAt",
                table: "Leads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "Leads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "FollowUp",
                table: "Leads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "Leads",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerPersonId",
                table: "Leads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "QualifiedAt",
                table: "Leads",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QualifiedBy",
                table: "Leads",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rating",
                table: "Leads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "Leads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Sources",
                table: "Leads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "Leads",
                type: "TEXT",
                maxLength: 821,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Leads",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ScanMailingSentAt",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LeadDownloads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DownloadedBy = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    UpToSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OnlyNew = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadDownloads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadDownloads_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LeadQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Options = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadQuestions_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerLeadSequences",
                columns: table => new
                {
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Last = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerLeadSequences", x => x.PartnerId);
                    table.ForeignKey(
                        name: "FK_PartnerLeadSequences_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionAttendances",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PresentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionAttendances", x => new { x.SessionId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_SessionAttendances_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SessionAttendances_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Webhooks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AfterSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DisabledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailureCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSuccessAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Webhooks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Webhooks_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeliveryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    FromSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    ToSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    LeadCount = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveries_Webhooks_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Webhooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing leads all came from scans: number them per partner in capture order, mark
            // them as scans with the badge's consent, and start each partner's sequence after them.
            migrationBuilder.Sql("""
                UPDATE "Leads" SET
                    "Sequence" = (SELECT r.n FROM (SELECT "Id", ROW_NUMBER() OVER (PARTITION BY "PartnerId" ORDER BY "FirstCapturedAt", "Id") AS n FROM "Leads") r WHERE r."Id" = "Leads"."Id"),
                    "CreatedAt" = "FirstCapturedAt",
                    "Sources" = CASE WHEN "ScanCount" > 0 THEN 1 ELSE 0 END,
                    "Consent" = CASE WHEN "ScanCount" > 0 THEN 1 ELSE 0 END,
                    "ConsentAt" = CASE WHEN "ScanCount" > 0 THEN "FirstCapturedAt" END;
                INSERT INTO "PartnerLeadSequences" ("PartnerId", "Last") SELECT "PartnerId", COUNT(*) FROM "Leads" GROUP BY "PartnerId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OwnerPersonId",
                table: "Leads",
                column: "OwnerPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_PartnerId_Sequence",
                table: "Leads",
                columns: new[] { "PartnerId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeadDownloads_PartnerId_DownloadedBy_At",
                table: "LeadDownloads",
                columns: new[] { "PartnerId", "DownloadedBy", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadQuestions_PartnerId_Position",
                table: "LeadQuestions",
                columns: new[] { "PartnerId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendances_PersonId",
                table: "SessionAttendances",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_At",
                table: "WebhookDeliveries",
                columns: new[] { "SubscriptionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Webhooks_PartnerId",
                table: "Webhooks",
                column: "PartnerId");

            migrationBuilder.AddForeignKey(
                name: "FK_Leads_People_OwnerPersonId",
                table: "Leads",
                column: "OwnerPersonId",
                principalTable: "People",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Leads_People_OwnerPersonId",
                table: "Leads");

            migrationBuilder.DropTable(
                name: "LeadDownloads");

            migrationBuilder.DropTable(
                name: "LeadQuestions");

            migrationBuilder.DropTable(
                name: "PartnerLeadSequences");

            migrationBuilder.DropTable(
                name: "SessionAttendances");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "Webhooks");

            migrationBuilder.DropIndex(
                name: "IX_Leads_OwnerPersonId",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_PartnerId_Sequence",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "Answers",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "Consent",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ConsentAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ConsentWithdrawnAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "FollowUp",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "OwnerPersonId",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "QualifiedAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "QualifiedBy",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "Rating",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "Sources",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ScanMailingSentAt",
                table: "Events");
        }
    }
}
