using Microsoft.Playwright;

namespace PartnerSpace.Tests.Support.Pages;

/// <summary>Files given to a Blazor <c>InputFile</c> (MudFileUpload's too).</summary>
public static class BlazorInputFile
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Waits until Blazor's script has set the input up (it listens for the change from then on: a
    /// file given before that is lost, a flaky test), then gives it the file.
    /// </summary>
    public static async Task SetBlazorInputFilesAsync(this ILocator input, FilePayload file)
    {
        ArgumentNullException.ThrowIfNull(input);
        var until = DateTime.UtcNow + Patience;
        while (!await input.EvaluateAsync<bool>("e => e._blazorInputFileNextFileId !== undefined"))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("Blazor did not set the file input up.");
            }

            await Task.Delay(50);
        }

        await input.SetInputFilesAsync(file);
    }
}
