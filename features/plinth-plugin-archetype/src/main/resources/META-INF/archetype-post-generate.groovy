// Checks what the generated project was named with; a project that could not build or would collide with Plinth's
// own commands is deleted again, and the generation fails saying which property to change.
def properties = request.properties
def problems = []

def artifactId = request.artifactId
if (!(artifactId ==~ /[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*/)) {
    problems << "artifactId '${artifactId}' is not a bundle symbolic name (letters, digits, '-', '_', dot-separated): it is the plugin's id"
} else if (artifactId == 'dev.plinth' || artifactId.startsWith('dev.plinth.') || artifactId.startsWith('org.apache.felix.')) {
    problems << "artifactId '${artifactId}' is the id of one of Plinth's own bundles, or looks like one: choose your own"
}

def scope = properties.getProperty('commandScope')
def coreScopes = ['plugin', 'felix', 'gogo', 'scr', 'cm', 'obr', 'equinox', 'builtin', 'sh', 'jline', 'plinth']
if (!(scope ==~ /[a-z][a-z0-9]*/)) {
    problems << "commandScope '${scope}' is no Gogo scope (lower-case letters and digits, starting with a letter): set -DcommandScope=..."
} else if (coreScopes.contains(scope)) {
    problems << "commandScope '${scope}' is a scope of the runtime's own commands: set -DcommandScope=... to one of your own"
}

def keywords = ['abstract', 'assert', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const',
    'continue', 'default', 'do', 'double', 'else', 'enum', 'extends', 'final', 'finally', 'float', 'for', 'goto', 'if',
    'implements', 'import', 'instanceof', 'int', 'interface', 'long', 'native', 'new', 'package', 'private',
    'protected', 'public', 'return', 'short', 'static', 'strictfp', 'super', 'switch', 'synchronized', 'this',
    'throw', 'throws', 'transient', 'try', 'void', 'volatile', 'while', 'true', 'false', 'null', '_']
def pkg = request.packageName ?: properties.getProperty('package')
def segments = pkg == null ? [] : pkg.split('\\.', -1) as List
if (segments.isEmpty() || segments.any { !(it ==~ /[A-Za-z_$][A-Za-z0-9_$]*/) || keywords.contains(it) }) {
    problems << "package '${pkg}' is no Java package name (each part an identifier, no keyword such as 'class')"
} else if (pkg == 'dev.plinth' || pkg.startsWith('dev.plinth.')) {
    problems << "package '${pkg}' is in Plinth's own namespace: its settings PID would be taken for Plinth's"
} else if (pkg == 'java' || pkg.startsWith('java.')) {
    problems << "package '${pkg}' is the JDK's: the JVM refuses to load classes of a package named java.*"
}

if (!problems.isEmpty()) {
    new File(request.outputDirectory, artifactId).deleteDir()
    throw new IllegalArgumentException("The plugin project was not generated:\n  - " + problems.join("\n  - "))
}
