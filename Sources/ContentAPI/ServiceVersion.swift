/// The service's one version: the binary's (`--version`) and its contract's (`info.version` in
/// openapi.yaml), which a test holds equal. It moves when either the behaviour or the contract does;
/// CHANGELOG.md says what each version changed.
public enum ServiceVersion {
    public static let current = "1.3.5"
}
