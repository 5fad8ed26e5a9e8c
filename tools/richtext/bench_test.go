package richtext

import "testing"

// benchMarkdown is an issue description as a model writes one (about 2 KB).
const benchMarkdown = `## Summary

Uploading a profile photo larger than **4 MB** crashes the iOS app (v1.1.0, build 2291) on the
*Profile* screen. Android is not affected. First reported by support in [ticket 8812](https://support.acme.example/tickets/8812).

## Steps to reproduce

1. Sign in as any customer account
2. Open **Profile** and tap the photo
3. Choose a HEIC image over 4 MB from the library
   (the sample in the ticket is 6.2 MB)
4. Tap **Save**

## Expected

The photo is resized on the device to at most 2048 px and uploaded; the new photo shows within
two seconds.

## Actual

The app freezes for ~3 s and quits. The crash log points at ` + "`ImageResizer.scale(_:)`" + `:

` + "```" + `
Fatal error: Unexpectedly found nil while unwrapping an Optional value
  at ImageResizer.swift:88
  at ProfilePhotoUploader.upload(image:) ProfilePhotoUploader.swift:41
` + "```" + `

> Seen on iPhone 12 and 13 with iOS 17.4 & 17.5; not on iOS 16.
> Crashlytics groups it under issue #4471.

## Notes

- The resize runs on the main thread, so large images also block the UI
- ` + "`UIGraphicsImageRenderer`" + ` returns nil for HEIC with a P3 colour profile
  - converting to sRGB first avoids it
  - see Apple's note on [wide colour](https://developer.apple.com/documentation/uikit/uigraphicsimagerendererformat)
- ~~Server-side limit~~ is 10 MB, so the server is not the cause
- Workaround for customers until the fix ships: pick a JPEG under 4 MB, or upload from the web portal
- Logs: <https://logs.acme.example/mobile/ios?q=ImageResizer&from=now-7d>

## Proposed fix

1. Move the resize to a background queue and show a spinner on the photo
2. Convert to sRGB before scaling:

   ` + "```swift" + `
   let format = UIGraphicsImageRendererFormat(for: .init(displayGamut: .SRGB))
   let image = UIGraphicsImageRenderer(size: target, format: format).image { _ in src.draw(in: rect) }
   ` + "```" + `
3. Add a UI test with the 6.2 MB sample (_keep it out of the main bundle_)

---

Owner: @alice_chen; QA: qa-team@acme.example. Related: MOBILE-4, MOBILE-12.
`

// benchHTML is Leiga rich text as its editor stores it (about 2 KB).
const benchHTML = `<h2>Summary</h2><p>Uploading a profile photo larger than <strong>4&nbsp;MB</strong> crashes the iOS app (v1.1.0, build 2291) on the <em>Profile</em> screen. Android is not affected. First reported by support in <a href="https://support.acme.example/tickets/8812" target="_blank">ticket 8812</a>.</p>
<h2>Steps to reproduce</h2><ol><li><p>Sign in as any customer account</p></li><li><p>Open <strong>Profile</strong> and tap the photo</p></li><li><p>Choose a HEIC image over 4&nbsp;MB from the library<br>(the sample in the ticket is 6.2&nbsp;MB)</p></li><li><p>Tap <strong>Save</strong></p></li></ol>
<h2>Expected</h2><p>The photo is resized on the device to at most 2048&nbsp;px and uploaded; the new photo shows within two seconds.</p>
<h2>Actual</h2><p>The app freezes for ~3&nbsp;s and quits. The crash log points at <code>ImageResizer.scale(_:)</code>:</p><pre><code class="language-plain">Fatal error: Unexpectedly found nil while unwrapping an Optional value
  at ImageResizer.swift:88
  at ProfilePhotoUploader.upload(image:) ProfilePhotoUploader.swift:41</code></pre>
<blockquote><p>Seen on iPhone 12 and 13 with iOS 17.4 &amp; 17.5; not on iOS 16.<br>Crashlytics groups it under issue #4471.</p></blockquote>
<h2>Notes</h2><ul><li><p>The resize runs on the main thread, so large images also block the UI</p></li><li><p><code>UIGraphicsImageRenderer</code> returns nil for HEIC with a P3 colour profile</p><ul><li><p>converting to sRGB first avoids it</p></li><li><p>see Apple&#39;s note on <a href="https://developer.apple.com/documentation/uikit/uigraphicsimagerendererformat">wide colour</a></p></li></ul></li><li><p><s>Server-side limit</s> is 10&nbsp;MB, so the server is not the cause</p></li><li><p>Logs: <a href="https://logs.acme.example/mobile/ios?q=ImageResizer&amp;from=now-7d">https://logs.acme.example/mobile/ios?q=ImageResizer&amp;from=now-7d</a></p></li></ul><hr>
<p>Owner: <span class="mention" data-id="11">@Alice Chen</span>; QA: <a href="mailto:qa-team@acme.example">qa-team@acme.example</a>. Related: MOBILE-4, MOBILE-12.</p>`

func BenchmarkMarkdownToHTML(b *testing.B) {
	b.SetBytes(int64(len(benchMarkdown)))
	b.ReportAllocs()
	for b.Loop() {
		MarkdownToHTML(benchMarkdown)
	}
}

func BenchmarkHTMLToText(b *testing.B) {
	b.SetBytes(int64(len(benchHTML)))
	b.ReportAllocs()
	for b.Loop() {
		HTMLToText(benchHTML)
	}
}
