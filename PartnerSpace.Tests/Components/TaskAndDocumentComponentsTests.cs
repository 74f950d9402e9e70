using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerSpace.Domain.Common;
using PartnerSpace.Domain.Documents;
using PartnerSpace.Domain.Partners;
using PartnerSpace.Domain.Tasks;
using PartnerSpace.Tests.Support;
using PartnerSpace.Web.Features.Documents;
using PartnerSpace.Web.Features.Tasks;
using PartnerSpace.Web.Shared;

namespace PartnerSpace.Tests.Components;

[Trait("Spec", "S-2.5")]
[Trait("Spec", "S-2.6")]
public sealed class TaskAndDocumentComponentsTests : ComponentTestBase
{
    private static readonly AudiencePartner Acme = new(Guid.NewGuid(), "Acme", "Gold", false);
    private static readonly AudiencePartner Globex = new(Guid.NewGuid(), "Globex", "Silver", false);
    private static readonly AudiencePartner Initech = new(Guid.NewGuid(), "Initech", "Gold", false);
    private static readonly IReadOnlyList<AudiencePartner> Partners = [Acme, Globex, Initech];

    private IRenderedComponent<AudiencePicker> Picker(Audience audience, Action<Audience> changed) =>
        Render<AudiencePicker>(p => p
            .Add(x => x.Value, audience)
            .Add(x => x.ValueChanged, changed)
            .Add(x => x.Partners, Partners));

    [Fact]
    public void ThePickerCountsTheAudienceAndTicksACategory()
    {
        Audience? chosen = null;
        var cut = Picker(Audience.OfCategories("Gold"), a => chosen = a);

        Assert.Contains("2 partner(s) for now", cut.Find("[data-testid=audience-count]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Gold", "Silver"], cut.FindAll("input[data-testid=audience-category]").Select(e => e.GetAttribute("data-category")));

        cut.Find("input[data-testid=audience-category][data-category=Silver]").Change(true);

        Assert.Equal(AudienceKind.Categories, chosen!.Kind);
        Assert.Equal(["Gold", "Silver"], chosen.Categories);
    }

    [Fact]
    public void ThePickerSearchesPartnersByNameOrCategoryAndChoosesOne()
    {
        Audience? chosen = null;
        var cut = Picker(Audience.OfPartners(Acme.Id), a => chosen = a);

        cut.Find("input[data-testid=audience-search]").Input("glob");

        var shown = cut.FindAll("input[data-testid=audience-partner]");
        Assert.Equal(["Globex"], shown.Select(e => e.GetAttribute("data-partner")));
        shown[0].Change(true);
        Assert.Equal([Acme.Id, Globex.Id], chosen!.PartnerIds);
    }

    [Fact]
    public void ThePickerShowsTheAudienceError()
    {
        var cut = Render<AudiencePicker>(p => p
            .Add(x => x.Value, Audience.OfCategories())
            .Add(x => x.Partners, Partners)
            .Add(x => x.Error, "Choose at least one category."));

        Assert.Equal("Choose at least one category.", cut.Find("[data-testid=audience-error]").TextContent);
        Assert.Contains("0 partner(s)", cut.Find("[data-testid=audience-count]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AudienceTextNamesCategoriesOrAFewPartners()
    {
        var localizer = Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<PartnerSpace.Web.SharedResource>>();

        Assert.Equal("All partners", AudienceText.Of(localizer, Audience.All, Partners));
        Assert.Equal("Categories: Gold, Startup", AudienceText.Of(localizer, Audience.OfCategories("Gold", "Startup"), Partners));
        Assert.Equal("Acme, Initech", AudienceText.Of(localizer, Audience.OfPartners(Acme.Id, Initech.Id), Partners));
    }

    private static TaskAssignment Row(AudiencePartner partner, TaskState state, Guid? taskId = null) =>
        new(taskId ?? Guid.NewGuid(), new LocalizedText("Assurance", "Insurance"), TaskAnswerKind.Text, DateTimeOffset.UtcNow.AddDays(-1), partner.Id, partner.Name, partner.Category, state,
            state == TaskState.Completed ? DateTimeOffset.UtcNow : null, state == TaskState.Completed ? "Ada Lovelace" : null, state == TaskState.Completed ? "Done by Ada" : null,
            null, null, null, null, 0);

    private static TaskSummary Summary(Guid id) =>
        new(id, new LocalizedText("Assurance", "Insurance"), LocalizedText.Empty, TaskAnswerKind.Text, [], null, null, true, Audience.All, 1, 3, 1, 1);

    [Fact]
    [Trait("Spec", "S-5")]
    public void TheBoardOffersRemindersForWhatIsNotDoneAndFiltersIt()
    {
        var taskId = Guid.NewGuid();
        TaskAssignment? reminded = null;
        Guid? remindedAll = null;
        var cut = Render<TaskBoard>(p => p
            .Add(x => x.Tasks, [Summary(taskId)])
            .Add(x => x.Rows, [Row(Acme, TaskState.Overdue, taskId), Row(Initech, TaskState.Active, taskId), Row(Globex, TaskState.Completed, taskId)])
            .Add(x => x.TimeZoneId, "Europe/Paris")
            .Add(x => x.TaskId, taskId)
            .Add(x => x.OnRemind, r => reminded = r)
            .Add(x => x.OnRemindAll, id => remindedAll = id));

        Assert.Equal(["Overdue", "Active", "Completed"], cut.FindAll("[data-testid=task-state]").Select(e => e.GetAttribute("data-state")));
        Assert.Equal(2, cut.FindAll("[data-testid=remind]").Count);
        Assert.Contains("Done by Ada", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Remind the 2 not done", cut.Find("[data-testid=remind-all]").TextContent, StringComparison.Ordinal);

        cut.FindAll("[data-testid=remind]")[0].Click();
        cut.Find("[data-testid=remind-all]").Click();
        cut.Find("input[data-testid=board-not-done]").Change(true);

        Assert.Equal(Acme.Id, reminded!.PartnerId);
        Assert.Equal(taskId, remindedAll);
        Assert.Equal(2, cut.FindAll("[data-testid=board-partner]").Count);
    }

    [Fact]
    public void ABoardWithNothingAssignedSaysSo()
    {
        var cut = Render<TaskBoard>(p => p
            .Add(x => x.Tasks, [])
            .Add(x => x.Rows, [])
            .Add(x => x.TimeZoneId, "Europe/Paris"));

        Assert.Equal("No task is assigned to a partner yet.", cut.Find("[data-testid=empty-title]").TextContent);
    }

    [Fact]
    public void TheReadBoardShowsWhoReadAndFiltersToUnread()
    {
        var documentId = Guid.NewGuid();
        var title = new LocalizedText("Plan", "Floor plan");
        var cut = Render<DocumentReadBoard>(p => p
            .Add(x => x.Documents, [])
            .Add(x => x.Rows, [new DocumentReadRow(documentId, title, Globex.Id, "Globex", "Silver", null, null), new DocumentReadRow(documentId, title, Acme.Id, "Acme", "Gold", DateTimeOffset.UtcNow, "Claire Dubois")])
            .Add(x => x.TimeZoneId, "Europe/Paris"));

        Assert.Equal(["unread", "read"], cut.FindAll("[data-testid=read-state]").Select(e => e.GetAttribute("data-state")));
        Assert.Contains("by Claire Dubois", cut.Find("[data-testid=read-by]").TextContent, StringComparison.Ordinal);

        cut.Find("input[data-testid=board-unread]").Change(true);

        Assert.Equal(["GlobexSilver"], cut.FindAll("[data-testid=board-partner]").Select(e => e.TextContent.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)));
    }
}
