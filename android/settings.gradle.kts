// Eventide's Android shell: `:app` is the Android application (thin framework code),
// `:shell` is plain Kotlin (no Android imports) holding everything testable on a JVM.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}
rootProject.name = "Eventide"
include(":app", ":shell")
