using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grader.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubmissionRequeuedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "requeued_at",
                table: "submissions",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "requeued_at",
                table: "submissions");
        }
    }
}
