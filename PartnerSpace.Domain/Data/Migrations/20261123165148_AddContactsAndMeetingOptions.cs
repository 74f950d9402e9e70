using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerSpace.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddContactsAndMeetingOptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Meetings_MeetingSlots_SlotId",
                table: "Meetings");

            migrationBuilder.AddColumn<string>(
                name: "AttachmentContent",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentContentType",
                table: "Outbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentFileName",
                table: "Outbox",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "SlotId",
                table: "Meetings",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<int>(
                name: "Values_MeetingRequestExpiryHours",
                table: "EventOptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 48);

            migrationBuilder.AddColumn<bool>(
                name: "ListedInContacts",
                table: "Attendees",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "ContactShares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SharedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactShares_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactShares_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactShares_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkingContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MetAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkingContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NetworkingContacts_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkingContacts_People_ContactPersonId",
                        column: x => x.ContactPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkingContacts_People_OwnerPersonId",
                        column: x => x.OwnerPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartnerMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AttendeePersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SenderPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SenderName = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerMessages_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PartnerMessages_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PartnerMessages_People_AttendeePersonId",
                        column: x => x.AttendeePersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PartnerMessages_People_SenderPersonId",
                        column: x => x.SenderPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_People_EventId_LastName_FirstName",
                table: "People",
                columns: new[] { "EventId", "LastName", "FirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactShares_EventId",
                table: "ContactShares",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactShares_PartnerId_PersonId",
                table: "ContactShares",
                columns: new[] { "PartnerId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactShares_PartnerId_SharedAt",
                table: "ContactShares",
                columns: new[] { "PartnerId", "SharedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactShares_PersonId",
                table: "ContactShares",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkingContacts_ContactPersonId",
                table: "NetworkingContacts",
                column: "ContactPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkingContacts_EventId",
                table: "NetworkingContacts",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkingContacts_OwnerPersonId_ContactPersonId",
                table: "NetworkingContacts",
                columns: new[] { "OwnerPersonId", "ContactPersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerMessages_AttendeePersonId_SentAt",
                table: "PartnerMessages",
                columns: new[] { "AttendeePersonId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerMessages_EventId",
                table: "PartnerMessages",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerMessages_PartnerId_SentAt",
                table: "PartnerMessages",
                columns: new[] { "PartnerId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerMessages_SenderPersonId",
                table: "PartnerMessages",
                column: "SenderPersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_Meetings_MeetingSlots_SlotId",
                table: "Meetings",
                column: "SlotId",
                principalTable: "MeetingSlots",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Meetings_MeetingSlots_SlotId",
                table: "Meetings");

            migrationBuilder.DropTable(
                name: "ContactShares");

            migrationBuilder.DropTable(
                name: "NetworkingContacts");

            migrationBuilder.DropTable(
                name: "PartnerMessages");

            migrationBuilder.DropIndex(
                name: "IX_People_EventId_LastName_FirstName",
                table: "People");

            migrationBuilder.DropColumn(
                name: "AttachmentContent",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "AttachmentContentType",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "AttachmentFileName",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Values_MeetingRequestExpiryHours",
                table: "EventOptions");

            migrationBuilder.DropColumn(
                name: "ListedInContacts",
                table: "Attendees");

            migrationBuilder.AlterColumn<Guid>(
                name: "SlotId",
                table: "Meetings",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Meetings_MeetingSlots_SlotId",
                table: "Meetings",
                column: "SlotId",
                principalTable: "MeetingSlots",
                principalColumn: "Id");
        }
    }
}
