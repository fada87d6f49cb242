// The app imports EventideKit only; the generated core API comes with it.
@_exported import EventideCore
