#!/usr/bin/env python3
"""Checks the iOS shell as far as a machine without Swift can.

    check_project.py IOS_DIR GENERATED_SWIFT

- every path project.yml names exists, and every Swift file of the app is in a source path;
- Info.plist, the entitlements and the privacy manifest are valid property lists saying what
  README says (no tracking, no data collected, time-sensitive reminders, the protection class);
- no network API and no placeholder in the app or EventideKit;
- the reminder wiring the README promises: a background refresh task registered at launch with
  the identifier Info.plist permits (UIBackgroundModes fetch), one actor for reconciling,
  wall-clock triggers without a time zone, lock-screen placeholders, the database reopened
  when protected data becomes available;
- every call the shell makes on the generated API (`core.method(label: ...)`, top-level
  functions such as `parseStrengths(field:text:)`, record and object initialisers) names a
  method, function or initialiser that exists in the generated Swift with
  the same argument labels, so a change in the FFI surface is caught here, not in Xcode;
- the shell draws what the core decides: the "get help now" tier and its numbers (only from
  the core's CallButton), both step-up choices, the ingredient picker; no step-up wording of its own.
- backup passphrases: typed in a SecureField with a Show/Hide toggle, the helper text from the
  core's `checkPassphrase`, never persisted (no @AppStorage, @SceneStorage, UserDefaults or
  Keychain) and never printed or logged in any file that handles one.
- every case of the core's `NotificationKind` is handled where the shell routes a tap (the
  categories and requests come whole from the core's reminder plan), and every `ReportFormat`
  is offered on the Share screen, so a kind or format added in the core (the refill reminder,
  the plan calendar) is not left out.
- every call of a throwing generated method or function is marked `try` (Swift refuses an
  unmarked one; the label check above does not see it), and a test's list of the core's
  notification categories names one per case of the generated `ReminderCategory`.
Prints one line per check and exits 1 on the first kind of failure found (after listing all).
"""
import plistlib
import re
import sys
from pathlib import Path

failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def project_paths(ios: Path) -> None:
    spec = (ios / "project.yml").read_text()
    paths = re.findall(r"^\s*(?:-\s*)?path:\s*(\S+)\s*$", spec, re.M)
    paths += re.findall(r"^\s*(?:INFOPLIST_FILE|CODE_SIGN_ENTITLEMENTS):\s*(\S+)\s*$", spec, re.M)
    check(len(paths) >= 5, f"project.yml names {len(paths)} paths")
    for p in paths:
        check((ios / p).exists(), f"project.yml path exists: {p}")
    sources = [ios / p for p in re.findall(r"^\s*-\s*path:\s*(Eventide/\S+)\s*$", spec, re.M)]
    for swift in sorted((ios / "Eventide").rglob("*.swift")):
        covered = any(swift == s or s in swift.parents for s in sources)
        check(covered, f"in a source path of project.yml: {swift.relative_to(ios)}")


def plists(ios: Path) -> None:
    res = ios / "Eventide" / "Resources"
    with open(res / "Info.plist", "rb") as f:
        info = plistlib.load(f)
    check(info.get("CFBundleIdentifier") == "$(PRODUCT_BUNDLE_IDENTIFIER)", "Info.plist is valid")
    with open(res / "Eventide.entitlements", "rb") as f:
        ent = plistlib.load(f)
    check(ent.get("com.apple.developer.usernotifications.time-sensitive") is True,
          "entitlement: time-sensitive notifications")
    check(ent.get("com.apple.developer.default-data-protection") == "NSFileProtectionCompleteUntilFirstUserAuthentication",
          "entitlement: data protection complete until first user authentication")
    with open(res / "PrivacyInfo.xcprivacy", "rb") as f:
        privacy = plistlib.load(f)
    check(privacy.get("NSPrivacyTracking") is False, "privacy manifest: no tracking")
    check(privacy.get("NSPrivacyTrackingDomains") == [], "privacy manifest: no tracking domains")
    check(privacy.get("NSPrivacyCollectedDataTypes") == [], "privacy manifest: no data collected")


def reminders(ios: Path) -> None:
    """The reminder wiring of issue 13, as far as text can show it."""
    kit = ios / "EventideKit" / "Sources" / "EventideKit"
    app = ios / "Eventide"
    sync = (kit / "ReminderSync.swift").read_text()
    delegate = (app / "App" / "AppDelegate.swift").read_text()
    store = (app / "Notifications" / "SystemNotificationStore.swift").read_text()
    request = (kit / "ReminderRequest.swift").read_text()
    with open(app / "Resources" / "Info.plist", "rb") as f:
        info = plistlib.load(f)
    m = re.search(r'refreshTaskIdentifier\s*=\s*"([^"]+)"', sync)
    check(m is not None, "ReminderSync names its background refresh task")
    identifier = m.group(1) if m else ""
    check(identifier in info.get("BGTaskSchedulerPermittedIdentifiers", []),
          f"Info.plist permits the background task {identifier}")
    check("fetch" in info.get("UIBackgroundModes", []), "Info.plist: UIBackgroundModes has fetch (BGAppRefreshTask)")
    launch = delegate.split("didFinishLaunchingWithOptions", 1)[-1].split("\n    }\n", 1)[0]
    check("BGTaskScheduler.shared.register(forTaskWithIdentifier: ReminderSync.refreshTaskIdentifier, using: .main)" in launch,
          "AppDelegate registers the refresh task before launch finishes")
    check("BGAppRefreshTaskRequest(identifier: ReminderSync.refreshTaskIdentifier)" in store
          and "earliestBeginDate" in store, "every reconcile asks for the next background refresh")
    check(re.search(r"^public actor ReminderSync\b", sync, re.M) is not None, "ReminderSync is an actor")
    check("await previous?.value" in sync, "reconciles wait for the one before (no interleaving at awaits)")
    check("protectedDataDidBecomeAvailableNotification" in delegate and "reopenIfNeeded" in delegate,
          "the database is opened again when protected data becomes available")
    floating = request.split("static func floating", 1)[-1].split("static func fixed", 1)[0]
    assigned = re.findall(r"(\w+)\.(?:timeZone|calendar)\s*=", floating)
    check(assigned == ["gregorian"] and "calendar.dateComponents" in floating,
          "floating trigger components carry no time zone or calendar" + (f" ({assigned})" if assigned != ["gregorian"] else ""))
    check("UNCalendarNotificationTrigger(dateMatching: reminder.trigger, repeats: false)" in store,
          "one-shot calendar triggers from the plan")
    check("hiddenPreviewsBodyPlaceholder:" in store and ".hiddenPreviewsShowTitle" in store,
          "categories carry the lock-screen placeholder and the full-details choice")


def own_swift(ios: Path) -> list[Path]:
    files = sorted((ios / "Eventide").rglob("*.swift"))
    files += sorted((ios / "EventideKit" / "Sources" / "EventideKit").rglob("*.swift"))
    return files


def hygiene(ios: Path) -> None:
    network = re.compile(r"\bURLSession\b|\bURLRequest\b|\bNWConnection\b|\bNWPathMonitor\b|^\s*import\s+Network\b|"
                         r"\bCFStream|\bCFSocket|https?://", re.M)
    placeholder = re.compile(r"\bTODO\b|\bFIXME\b|\bXXX\b|fatalError\(|preconditionFailure\(|\btry!|"
                             r"not implemented|unimplemented", re.I)
    for path in own_swift(ios):
        text = path.read_text()
        rel = path.relative_to(ios)
        hits = [m.group(0) for m in network.finditer(text)]
        check(not hits, f"no network code: {rel}" + (f" ({', '.join(hits)})" if hits else ""))
        hits = [m.group(0) for m in placeholder.finditer(text)]
        check(not hits, f"no placeholder or crash path: {rel}" + (f" ({', '.join(hits)})" if hits else ""))
        hits = [m.group(0) for m in KNOWN_MISTAKES.finditer(text)]
        check(not hits, f"no known compile error: {rel}" + (f" ({', '.join(hits)})" if hits else ""))


# Calls a reading of the shells found that do not compile, so they cannot come back:
# resetSystemTimeZone() is a class method of NSTimeZone, not of the TimeZone struct; the
# closure of .refreshable is a nonisolated @Sendable async one, so a call into the main-actor
# model from it needs `await`.
KNOWN_MISTAKES = re.compile(r"(?<!NS)\bTimeZone\.resetSystemTimeZone\(|\.refreshable\s*\{\s*(?!await\b)[a-zA-Z_.]+\(")


def call_args(text: str, open_paren: int) -> str | None:
    """The text between the parenthesis at open_paren and its match."""
    depth = 0
    for i in range(open_paren, len(text)):
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return text[open_paren + 1:i]
    return None


def top_level_parts(args: str) -> list[str]:
    """The comma-separated parts of an argument or parameter list, nesting kept whole."""
    parts, depth, current = [], 0, ""
    for c in args:
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
    if current.strip():
        parts.append(current)
    return parts


def label_of(part: str) -> str:
    m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*:(?!:)", part)
    return m.group(1) if m else "_"


def labels_of_call(args: str) -> list[str]:
    return [label_of(part) for part in top_level_parts(args)]


def signature(labels: list[str]) -> str:
    """Swift's way of naming a call by its labels: "take(medicationId:night:)"."""
    return "".join(label + ":" for label in labels)


def labels_of_decl(params: str) -> list[str]:
    return [label for label, _ in params_of_decl(params)]


def params_of_decl(params: str) -> list[tuple[str, bool]]:
    """Each parameter's label and whether it has a default value (`at: String? = nil`)."""
    params = re.sub(r"/\*.*?\*/", "", params, flags=re.S)
    return [(label_of(part), re.search(r"=\s*\S", part) is not None) for part in top_level_parts(params)]


def call_matches(labels: list[str], decl: list[tuple[str, bool]]) -> bool:
    """A call names every parameter in order, leaving out only those with a default."""
    i = 0
    for label, has_default in decl:
        if i < len(labels) and labels[i] == label:
            i += 1
        elif not has_default:
            return False
    return i == len(labels)


def generated_api(swift: str) -> tuple[dict[str, list[list[tuple[str, bool]]]], dict[str, list[list[tuple[str, bool]]]]]:
    methods: dict[str, list[list[tuple[str, bool]]]] = {}
    for m in re.finditer(r"\bopen func ([a-zA-Z]+)\(", swift):
        args = call_args(swift, m.end() - 1) or ""
        methods.setdefault(m.group(1), []).append(params_of_decl(args))
    inits: dict[str, list[list[tuple[str, bool]]]] = {}
    for m in re.finditer(r"^public (?:struct|class) ([A-Z][A-Za-z]+)\b|^open class ([A-Z][A-Za-z]+)\b", swift, re.M):
        name = m.group(1) or m.group(2)
        body_start = m.end()
        nxt = re.search(r"^(?:public|open) (?:struct|class|enum|protocol) ", swift[body_start:], re.M)
        body = swift[body_start: body_start + (nxt.start() if nxt else len(swift))]
        for im in re.finditer(r"public (?:convenience )?init\(", body):
            args = call_args(body, im.end() - 1) or ""
            params = params_of_decl(args)
            if params and params[0][0] in ("unsafeFromHandle", "noHandle"):
                continue
            inits.setdefault(name, []).append(params)
    return methods, inits


def api_use(ios: Path, generated: Path) -> None:
    swift = generated.read_text()
    check("public protocol DeviceZone: AnyObject, Sendable" in swift, "generated Swift: DeviceZone is a Sendable protocol")
    methods, inits = generated_api(swift)
    check("today" in methods and "Eventide" in inits, "generated Swift: Eventide and its methods found")
    functions: dict[str, list[list[tuple[str, bool]]]] = {}
    for m in re.finditer(r"^public func ([a-zA-Z]+)\(", swift, re.M):
        args = call_args(swift, m.end() - 1) or ""
        functions.setdefault(m.group(1), []).append(params_of_decl(args))
    check("parseStrengths" in functions, "generated Swift: top-level functions found")
    files = own_swift(ios) + sorted((ios / "EventideKit" / "Tests").rglob("*.swift"))
    for path in files:
        text = path.read_text()
        rel = path.relative_to(ios)
        for m in re.finditer(r"\bcore\.([a-zA-Z]+)\(", text):
            name = m.group(1)
            args = call_args(text, m.end() - 1)
            labels = labels_of_call(args) if args is not None else []
            ok = name in methods and any(call_matches(labels, d) for d in methods[name])
            check(ok, f"{rel}: core.{name}({signature(labels)}) exists in the generated API"
                      + ("" if ok else f" (generated: {methods.get(name)})"))
        for what, declared in (("function", functions), ("initialiser", inits)):
            for name, variants in declared.items():
                for m in re.finditer(r"(?<![\w.])" + name + r"\(", text):
                    args = call_args(text, m.end() - 1)
                    if args is None:
                        continue
                    labels = labels_of_call(args)
                    ok = any(call_matches(labels, d) for d in variants)
                    check(ok, f"{rel}: {name}({signature(labels)}) matches a generated {what}"
                              + ("" if ok else f" (generated: {variants})"))


def zone_trait(ios: Path, generated: Path) -> None:
    """FoundationTimeZone implements every requirement of the generated DeviceZone protocol."""
    swift = generated.read_text()
    m = re.search(r"public protocol DeviceZone\b[^{]*\{(.*?)^\}", swift, re.S | re.M)
    check(m is not None, "generated Swift: DeviceZone protocol found")
    if m is None:
        return
    requirements = re.findall(r"func ([a-zA-Z]+)\(([^)]*)\)\s*(->\s*[^\n{]+)?", m.group(1))
    ours = (ios / "EventideKit" / "Sources" / "EventideKit" / "FoundationTimeZone.swift").read_text()
    # Custom types are typealiases in the generated Swift (Timestamp = Date): compare through them.
    aliases = dict(re.findall(r"^public typealias (\w+) = (\w+)", swift, re.M))
    plain = lambda text: re.sub(r"\b\w+\b", lambda w: aliases.get(w.group(0), w.group(0)), text.replace(" ", ""))
    for name, params, result in requirements:
        labels = signature(labels_of_decl(params))
        found = re.search(r"public func " + name + r"\(([^)]*)\)\s*(->\s*[^\n{]+)?", ours)
        ok = found is not None and signature(labels_of_decl(found.group(1))) == labels \
            and plain(found.group(2) or "") == plain(result or "")
        check(ok, f"FoundationTimeZone implements DeviceZone.{name}({labels}) {result.strip()}")


def enum_cases(swift: str, name: str) -> list[str]:
    """The cases of a generated `public enum`, in order."""
    m = re.search(r"^public enum " + name + r"\b[^{]*\{(.*?)^\}", swift, re.S | re.M)
    return re.findall(r"^\s*case ([a-zA-Z]+)\b", m.group(1), re.M) if m else []


def string_literals(text: str) -> list[str]:
    return re.findall(r'"((?:[^"\\\n]|\\.)*)"', text)


def shell_rules(ios: Path, generated: Path) -> None:
    """The shell draws what the core decides (issue 14): the urgent tier and its numbers, the
    step-up choice, the ingredient picker; it adds no wording or rule of its own for them."""
    swift = generated.read_text()
    app = sorted((ios / "Eventide").rglob("*.swift"))
    kit = sorted((ios / "EventideKit" / "Sources" / "EventideKit").rglob("*.swift"))
    app_text = "\n".join(p.read_text() for p in app)
    kit_text = "\n".join(p.read_text() for p in kit)
    severities = enum_cases(swift, "Severity")
    check("getHelpNow" in severities, "generated Swift: Severity has getHelpNow")
    check(".getHelpNow" in kit_text, "EventideKit maps the core's getHelpNow severity (drawn as an alert)")
    for case in enum_cases(swift, "StepUpAction"):
        check("." + case in app_text, f"the app performs the step-up choice .{case}")
    check(len(enum_cases(swift, "StepUpAction")) == 2, "generated Swift: StepUpAction has its two choices")
    check("MedicineForm.ingredientOptions" in app_text and "form.choose(" in app_text and "form.named(" in app_text,
          "the add-medicine sheet offers the core's ingredient choices, preselected from the name")
    check("urgentSuggestions(" in app_text, "the app shows urgent suggestions at once after saving a check-in")
    check("ImmediateNotification.post(card)" in app_text, "a check-in answered from a notification posts what needs help now")
    for path in app + kit:
        rel = path.relative_to(ios)
        text = path.read_text()
        lits = string_literals(text)
        wording = [s for s in lits if "tolerable" in s.lower()]
        check(not wording, f"no step-up wording of the shell's own (the core's choice is drawn): {rel}"
              + (f" ({wording})" if wording else ""))
        builds_tel = any("tel:" in lit for lit in lits) and path.name != "SuggestionCard.swift"
        check(not builds_tel, f"numbers to call come only from the core's CallButton: {rel}")


def backup_passphrases(ios: Path) -> None:
    share = (ios / "Eventide" / "Screens" / "ShareScreen.swift").read_text()
    check("SecureField(" in share, "ShareScreen: passphrases are typed in a SecureField")
    check('"Show"' in share and '"Hide"' in share, "ShareScreen: the passphrase field has a Show/Hide toggle")
    check("checkPassphrase(passphrase:" in share and "BackupText.passphraseHelper(" in share,
          "ShareScreen: the passphrase hint comes from the core")
    check(".disabled(!check.acceptable)" in share, "ShareScreen: an unacceptable passphrase cannot make a backup")
    kept = re.compile(r"@AppStorage|@SceneStorage|UserDefaults|SecItem|Keychain|\bprint\(|\bNSLog\(|\bos_log\(|Logger\(")
    for path in own_swift(ios):
        text = path.read_text()
        if "passphrase" not in text.lower():
            continue
        code = re.sub(r"//.*", "", text)  # what the comments say is not code
        hits = [m.group(0) for m in kept.finditer(code)]
        check(not hits, f"passphrase never stored or logged: {path.relative_to(ios)}"
                        + (f" ({', '.join(hits)})" if hits else ""))


def every_case_handled(ios: Path, generated: Path) -> None:
    """Kinds, screens and formats are the core's: the shell routes and offers them through the
    core (notification_response, share_options), so one added there is not left out here."""
    swift = generated.read_text()
    kit = ios / "EventideKit" / "Sources" / "EventideKit"
    categories = (kit / "NotificationCategories.swift").read_text()
    check("NotificationCategorySpec" in categories and "ReminderCategory" not in re.sub(r"//.*", "", categories).replace("NotificationCategorySpec", ""),
          "NotificationCategories registers the core's category specs, with no category of its own")
    router = re.sub(r"//.*", "", (kit / "ActionRouter.swift").read_text())
    check("notificationResponse(id:" in router, "ActionRouter asks the core what a notification response means")
    parsed = re.findall(r'hasPrefix\("[a-z]+:"\)|"(?:taken|snooze|skip|fine|groggy|slept-badly)"', router)
    check(not parsed, "ActionRouter parses no notification id or button code of its own" + (f" ({parsed})" if parsed else ""))
    check("public typealias Screen = AppScreen" in router, "the app's screens are the core's AppScreen")
    check(len(enum_cases(swift, "AppScreen")) == 6, "generated Swift: AppScreen has the six screens")
    share = (kit / "ReportFiles.swift").read_text()
    check("shareOptions()" in share and "exportReportFile(" in share and "pdfFileName" in share,
          "the Share screen offers the core's options, named by the core (file and PDF names)")


def decided_by_the_core(ios: Path) -> None:
    """Issue 15: every decision about what to show or allow comes from the core, and the app
    behaves as the Android one does."""
    kit = ios / "EventideKit" / "Sources" / "EventideKit"
    app = ios / "Eventide"
    read = lambda p: re.sub(r"^\s*//.*$", "", p.read_text(), flags=re.M)
    sources = {p.relative_to(ios): read(p) for p in own_swift(ios)}
    every = "\n".join(sources.values())
    tonight = read(app / "Screens" / "TonightScreen.swift")
    check("dose.buttons" in tonight and "model.press(button, on: dose)" in tonight and ".disabled(!button.enabled)" in tonight
          and "button.description" in tonight,
          "Tonight draws the core's card buttons (label, enabled, description) and presses them")
    check("core.handleAction(id: id, action: button.action" in read(kit / "TonightState.swift"),
          "a card's button goes through handleAction with the card's key")
    for name, text in sources.items():
        direct = re.findall(r"\bcore\.(?:take|skip|snooze)\(", text)
        check(not direct, f"no take/skip/snooze of its own (cards and notifications use handleAction): {name}")
    check("refillsNoLongerDue" not in every, "no refill clean-up of the shell's own (the core's plan withdraws it)")
    delegate = read(app / "App" / "AppDelegate.swift")
    check("case .refused(let refused)" in delegate and "ImmediateNotification.post(refused)" in delegate,
          "a refused notification button is answered on the notification itself, as on Android")
    check("trigger: nil" in read(kit / "ActionRouter.swift"), "the refusal and urgent notices are shown at once (no trigger)")
    settings = read(app / "Screens" / "SettingsScreen.swift")
    check("setLockScreenDetails(" in settings and "setIncludeInPhoneBackup(" in settings and "privacy.texts." in settings,
          "Settings offers the lock-screen and phone-backup switches in the core's words")
    check("privacyTexts(platform: .ios)" in read(kit / "SettingsState.swift"), "the privacy words are the core's for iOS")
    location = read(app / "App" / "DatabaseLocation.swift")
    check("isExcludedFromBackup = DatabaseFiles.excludedFromBackup(include: include)" in location
          and "includeInPhoneBackup()" in read(app / "App" / "Shell.swift"),
          "the database is left out of phone backups exactly when the core's setting says so")
    check("AddMedicationSheet(model: model)" in read(app / "Screens" / "PlanScreen.swift")
          and "AddMedicationSheet" not in settings, "a medicine is added on the Plan tab (as on Android), not in Settings")
    tables = []
    for readme in (ios / "README.md", ios.resolve().parent / "android" / "README.md"):
        text = readme.read_text()
        start = text.find("## Decided in the core")
        end = text.find("\n## ", start + 5)
        tables.append(text[start:end] if start >= 0 else "")
    check(tables[0] != "" and tables[0] == tables[1], "both shells' READMEs carry the same table of decisions taken from the core")
    check("model.checkIn(choice.feeling)" in read(app / "Screens" / "CheckinScreen.swift"),
          "one tap on a feeling saves the check-in (details after), as on Android")
    share = read(app / "Screens" / "ShareScreen.swift")
    check("patientName" in share and "reportFile(option, patientName:" in share, "the report can carry the patient's name, as on Android")
    # No dose, time or range literal the core also knows (scripts/shell_literals.py, shared with
    # the Android suite, lists the few allowed).
    sys.path.insert(0, str(ios.resolve().parent / "scripts"))
    import shell_literals
    found = [f for p in own_swift(ios) for f in shell_literals.findings(p)]
    check(not found, "no number or time of the core's written in the shell" + ("".join("\n       " + f for f in found)))


# Frameworks only Apple platforms have: EventideKit uses them only behind `#if canImport(...)`.
APPLE_ONLY = ("UserNotifications", "UIKit", "SwiftUI", "WebKit", "BackgroundTasks", "Observation", "Combine", "os")
# Foundation API that swift-corelibs-foundation (Linux) lacks or does not implement.
DARWIN_API = re.compile(r"\bUN[A-Z]\w+|\bUI[A-Z]\w+|\bBGTask\w*|\bWK[A-Z]\w+|\bFileProtectionType\b|\bisExcludedFromBackup\b"
                        r"|completeFileProtection\w*|\bos_log\b|\bLogger\(")


def kit_portable(ios: Path) -> None:
    """Item 6 of issue 15: EventideKit is plain Foundation (and EventideCore), so a Swift
    toolchain on Linux can build and test it; UserNotifications glue sits behind
    `#if canImport(UserNotifications)`. Pieces that are not glue live in the kit, not the app."""
    kit = ios / "EventideKit" / "Sources" / "EventideKit"
    for path in sorted(kit.rglob("*.swift")):
        rel = path.relative_to(ios)
        depth, guarded, bad = 0, [], []
        for line in path.read_text().splitlines():
            code = line.split("//", 1)[0].strip()
            m = re.match(r"#if\s+(.*)", code)
            if m:
                guarded.append("canImport(" in m.group(1) or "os(" in m.group(1))
                continue
            if code.startswith("#endif"):
                if guarded:
                    guarded.pop()
                continue
            inside = any(guarded)
            imp = re.match(r"(?:@_exported\s+)?import\s+(\w+)", code)
            if imp and imp.group(1) not in ("Foundation", "EventideCore", "Dispatch") and not inside:
                bad.append(f"import {imp.group(1)}")
            if imp and imp.group(1) in APPLE_ONLY and inside:
                continue
            if not inside and not imp:
                bad += DARWIN_API.findall(re.sub(r'"(?:[^"\\]|\\.)*"', '""', code))
        check(not bad, f"plain Foundation outside #if canImport: {rel}" + (f" ({', '.join(sorted(set(bad)))})" if bad else ""))
    for piece in ("ErrorText", "ImmediateNotice", "RefusedButton", "DatabaseFiles", "SharedReport", "Forms"):
        in_kit = any(re.search(r"\b(?:struct|enum|class|actor)\s+" + piece + r"\b", p.read_text()) for p in kit.rglob("*.swift"))
        in_app = any(re.search(r"\b(?:struct|enum|class|actor)\s+" + piece + r"\b", p.read_text()) for p in (ios / "Eventide").rglob("*.swift"))
        check(in_kit and not in_app, f"{piece} lives in EventideKit (testable without UIKit), not in the app")
    check("#if canImport(UserNotifications)" in (kit / "ActionRouter.swift").read_text(),
          "the kit's UserNotifications glue is behind #if canImport(UserNotifications)")


def throwing_calls_marked(ios: Path, generated: Path) -> None:
    """A call of a generated method or function that throws must be marked `try` (or `try?`)
    before it on its line: a Swift compile error the label check does not catch. And a list of
    the core's category ids in the kit's tests ("eventide.checkin", …) names one per
    `ReminderCategory` case, so a category added in the core (the refill one) is not left out."""
    swift = generated.read_text()
    methods = set(re.findall(r"\bopen func (\w+)\([^)]*\)\s*(?:async\s*)?throws", swift))
    functions = {f for f in re.findall(r"^public func (\w+)\([^)]*\)\s*(?:async\s*)?throws", swift, re.M)
                 if not f.startswith("FfiConverter")}
    check("today" in methods and "parseStrengths" in functions, "generated Swift: throwing methods and functions found")
    files = own_swift(ios) + sorted((ios / "EventideKit" / "Tests").rglob("*.swift"))
    for path in files:
        rel = path.relative_to(ios)
        unmarked = []
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line.split("//", 1)[0])
            for m in re.finditer(r"(?:\bcore\.(\w+)|(?<![\w.])(\w+))\(", code):
                name = m.group(1) or m.group(2)
                throws = name in methods if m.group(1) else name in functions
                declared = re.search(r"\bfunc\s*$", code[:m.start()]) is not None
                if throws and not declared and "try" not in code[:m.start()]:
                    unmarked.append(f"{number}: {'core.' if m.group(1) else ''}{name}(")
        check(not unmarked, f"every throwing core call is marked try: {rel}" + (f" ({', '.join(unmarked)})" if unmarked else ""))
    cases = len(enum_cases(swift, "ReminderCategory"))
    check(cases >= 6, f"generated Swift: ReminderCategory has its {cases} cases")
    for path in sorted((ios / "EventideKit" / "Tests").rglob("*.swift")):
        text = path.read_text()
        for m in re.finditer(r"\[((?:\s*\"eventide\.[a-z.]+\"\s*,?)+)\s*\]", text):
            ids = re.findall(r'"(eventide\.[a-z.]+)"', m.group(1))
            if len(ids) < 3:
                continue
            check(len(ids) == cases, f"{path.relative_to(ios)}: a list of the core's categories names all {cases} ({len(ids)} listed)")


def main() -> int:
    ios = Path(sys.argv[1])
    generated = Path(sys.argv[2])
    project_paths(ios)
    plists(ios)
    hygiene(ios)
    reminders(ios)
    api_use(ios, generated)
    zone_trait(ios, generated)
    shell_rules(ios, generated)
    backup_passphrases(ios)
    every_case_handled(ios, generated)
    decided_by_the_core(ios)
    kit_portable(ios)
    throwing_calls_marked(ios, generated)
    if failures:
        print(f"\n{len(failures)} check(s) failed:")
        for f in failures:
            print("  " + f)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
