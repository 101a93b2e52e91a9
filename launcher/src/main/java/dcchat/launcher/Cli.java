package dcchat.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kit's one option parser: the launcher's commands and every subcommand of the kit program
 * ({@code dcchat.grader.Main}) declare what they take as a {@link Spec} — positionals, then options, each a flag or
 * a typed value (text, whole number, number, path, one of a few words), repeatable where it says so — and
 * {@link Spec#parse} gives typed values back. A mistake is one sentence ending "(try dcchat help)", thrown as
 * {@link Usage} (the launcher and the kit program print it and exit with 2). The usage lines {@code dcchat help}
 * shows are generated from the same declarations ({@link Spec#usage}), so they cannot drift from what is parsed.
 */
public final class Cli {

    private Cli() {
    }

    /** What the user got wrong, in one sentence; exit code 2. */
    public static class Usage extends Exception {
        private static final long serialVersionUID = 1L;

        public Usage(String sentence) {
            super(sentence);
        }
    }

    /** What an option's value is. */
    public enum Type {
        /** No value: present or not. */
        FLAG,
        TEXT,
        /** A whole number. */
        INT,
        DOUBLE,
        PATH,
        /** One of {@link Option#choices()}. */
        CHOICE
    }

    /**
     * One option.
     *
     * @param name        with its dashes, e.g. "--port"
     * @param type        what its value is
     * @param meta        the value's name in the usage line, e.g. "P" (null for a flag)
     * @param choices     the words a CHOICE takes, in order (empty otherwise)
     * @param repeatable  whether it may be given more than once (each value kept, in order)
     * @param visibility  who sees it in the help
     */
    public record Option(String name, Type type, String meta, List<String> choices, boolean repeatable,
                         Visibility visibility) {

        /** "[--step MODULE]...", "[--mode isolated|cumulative|both]", "[--json]". */
        public String usage() {
            String value = type == Type.FLAG ? "" : " " + (type == Type.CHOICE ? String.join("|", choices) : meta);
            return "[" + name + value + "]" + (repeatable ? "..." : "");
        }
    }

    /** Who sees an option in the help: everyone, only the full kit's help (not the student edition's), nobody. */
    public enum Visibility {
        ALWAYS, FULL_KIT, HIDDEN
    }

    /** A positional argument: its name in the usage line, and whether it may be left out. */
    public record Positional(String meta, boolean optional) {
        public String usage() {
            return optional ? "[" + meta + "]" : meta;
        }
    }

    /** A command's declared arguments: its name, its positionals in order, its options. Immutable. */
    public static final class Spec {
        private final String command;
        private final List<Positional> positionals;
        private final Map<String, Option> options;

        private Spec(String command, List<Positional> positionals, Map<String, Option> options) {
            this.command = command;
            this.positionals = List.copyOf(positionals);
            this.options = options;
        }

        /** A command that takes nothing (so far). */
        public static Spec of(String command) {
            return new Spec(command, List.of(), new LinkedHashMap<>());
        }

        public String command() {
            return command;
        }

        public List<Positional> positionals() {
            return positionals;
        }

        public List<Option> options() {
            return List.copyOf(options.values());
        }

        /** This spec and a positional argument more (required). */
        public Spec positional(String meta) {
            return withPositional(new Positional(meta, false));
        }

        /** This spec and an optional positional argument more (after every required one). */
        public Spec optionalPositional(String meta) {
            return withPositional(new Positional(meta, true));
        }

        private Spec withPositional(Positional p) {
            List<Positional> ps = new ArrayList<>(positionals);
            ps.add(p);
            return new Spec(command, ps, options);
        }

        public Spec flag(String name) {
            return with(new Option(name, Type.FLAG, null, List.of(), false, Visibility.ALWAYS));
        }

        public Spec text(String name, String meta) {
            return with(new Option(name, Type.TEXT, meta, List.of(), false, Visibility.ALWAYS));
        }

        public Spec integer(String name, String meta) {
            return with(new Option(name, Type.INT, meta, List.of(), false, Visibility.ALWAYS));
        }

        public Spec decimal(String name, String meta) {
            return with(new Option(name, Type.DOUBLE, meta, List.of(), false, Visibility.ALWAYS));
        }

        public Spec path(String name, String meta) {
            return with(new Option(name, Type.PATH, meta, List.of(), false, Visibility.ALWAYS));
        }

        public Spec choice(String name, String... choices) {
            return with(new Option(name, Type.CHOICE, null, List.of(choices), false, Visibility.ALWAYS));
        }

        /** The option declared last, repeatable from now on. */
        public Spec repeatable() {
            return last(o -> new Option(o.name(), o.type(), o.meta(), o.choices(), true, o.visibility()));
        }

        /** The option declared last, shown only in the full kit's help (the student edition's leaves it out). */
        public Spec fullKitOnly() {
            return last(o -> new Option(o.name(), o.type(), o.meta(), o.choices(), o.repeatable(), Visibility.FULL_KIT));
        }

        /** The option declared last, in no help (one the launcher passes, such as --cwd). */
        public Spec hidden() {
            return last(o -> new Option(o.name(), o.type(), o.meta(), o.choices(), o.repeatable(), Visibility.HIDDEN));
        }

        /** This spec and another's options more (those the other declares, in its order). */
        public Spec withOptionsOf(Spec other) {
            Spec s = this;
            for (Option o : other.options.values()) {
                s = s.with(o);
            }
            return s;
        }

        private Spec with(Option o) {
            if (!o.name().startsWith("--")) {
                throw new IllegalArgumentException("an option starts with --: " + o.name());
            }
            Map<String, Option> m = new LinkedHashMap<>(options);
            if (m.put(o.name(), o) != null) {
                throw new IllegalArgumentException(command + " declares " + o.name() + " twice");
            }
            return new Spec(command, positionals, m);
        }

        private Spec last(java.util.function.UnaryOperator<Option> change) {
            if (options.isEmpty()) {
                throw new IllegalStateException(command + " has no option to change");
            }
            Map<String, Option> m = new LinkedHashMap<>(options);
            String lastName = new ArrayList<>(m.keySet()).get(m.size() - 1);
            m.put(lastName, change.apply(m.get(lastName)));
            return new Spec(command, positionals, m);
        }

        /** The usage line for the full kit: "check [--step MODULE]... [--reference-only] [--lessons-only]". */
        public String usage() {
            return usage(false);
        }

        /** The usage line; for the student edition's help, without the options only the full kit has. */
        public String usage(boolean studentEdition) {
            List<String> parts = new ArrayList<>(List.of(command));
            positionals.forEach(p -> parts.add(p.usage()));
            for (Option o : options.values()) {
                if (o.visibility() == Visibility.ALWAYS || (o.visibility() == Visibility.FULL_KIT && !studentEdition)) {
                    parts.add(o.usage());
                }
            }
            return String.join(" ", parts);
        }

        /** Parses {@code args} (the command's own arguments, its name not included). */
        public Parsed parse(List<String> args) throws Usage {
            Map<String, List<Object>> values = new LinkedHashMap<>();
            List<String> pos = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (!a.startsWith("--") || a.equals("--")) {
                    pos.add(a);
                    continue;
                }
                String name = a;
                String inline = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    inline = a.substring(eq + 1);
                }
                Option o = options.get(name);
                if (o == null) {
                    throw new Usage("unknown option " + name + " for " + command + " (try dcchat help)");
                }
                if (values.containsKey(name) && !o.repeatable()) {
                    throw new Usage("option " + name + " is given twice; " + command + " takes it once (try dcchat help)");
                }
                Object value;
                if (o.type() == Type.FLAG) {
                    if (inline != null) {
                        throw new Usage("option " + name + " takes no value (try dcchat help)");
                    }
                    value = Boolean.TRUE;
                } else {
                    String raw = inline;
                    if (raw == null) {
                        if (i + 1 >= args.size()) {
                            throw new Usage("option " + name + " needs a value (try dcchat help)");
                        }
                        raw = args.get(++i);
                    }
                    value = convert(o, raw);
                }
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            long required = positionals.stream().filter(p -> !p.optional()).count();
            if (pos.size() < required) {
                String missing = positionals.subList(pos.size(), (int) required).stream().map(Positional::meta)
                        .collect(Collectors.joining(" "));
                throw new Usage(command + " needs " + missing + ": " + usage() + " (try dcchat help)");
            }
            if (pos.size() > positionals.size()) {
                throw new Usage("unexpected argument '" + pos.get(positionals.size()) + "' for " + command + ": "
                        + usage() + " (try dcchat help)");
            }
            return new Parsed(this, List.copyOf(pos), values);
        }

        /** As {@link #parse(List)}, from {@code args[from]} on. */
        public Parsed parse(String[] args, int from) throws Usage {
            return parse(List.of(args).subList(Math.min(from, args.length), args.length));
        }

        private static Object convert(Option o, String raw) throws Usage {
            try {
                return switch (o.type()) {
                    case INT -> Integer.parseInt(raw);
                    case DOUBLE -> Double.parseDouble(raw);
                    case PATH -> Path.of(raw);
                    case CHOICE -> {
                        String w = raw.toLowerCase(Locale.ROOT);
                        if (!o.choices().contains(w)) {
                            throw new Usage("option " + o.name() + " is one of " + String.join(", ", o.choices())
                                    + ", not '" + raw + "' (try dcchat help)");
                        }
                        yield w;
                    }
                    default -> raw;
                };
            } catch (NumberFormatException e) {
                throw new Usage("option " + o.name() + " takes " + (o.type() == Type.INT ? "a whole number" : "a number")
                        + ", not '" + raw + "' (try dcchat help)");
            } catch (java.nio.file.InvalidPathException e) {
                throw new Usage("option " + o.name() + " takes a path, not '" + raw + "' (try dcchat help)");
            }
        }

        @Override
        public String toString() {
            return usage();
        }
    }

    /** What {@link Spec#parse} found: the positionals as given, each option's typed values. */
    public static final class Parsed {
        private final Spec spec;
        private final List<String> positionals;
        private final Map<String, List<Object>> values;

        Parsed(Spec spec, List<String> positionals, Map<String, List<Object>> values) {
            this.spec = spec;
            this.positionals = positionals;
            this.values = values;
        }

        public List<String> positionals() {
            return positionals;
        }

        /** The i-th positional; null when an optional one was left out. */
        public String positional(int i) {
            return i < positionals.size() ? positionals.get(i) : null;
        }

        /** Whether the option was given. */
        public boolean has(String name) {
            declared(name);
            return values.containsKey(name);
        }

        public Optional<String> text(String name) {
            return one(name, Type.TEXT, String.class);
        }

        public Optional<Integer> integer(String name) {
            return one(name, Type.INT, Integer.class);
        }

        public Optional<Double> decimal(String name) {
            return one(name, Type.DOUBLE, Double.class);
        }

        public Optional<Path> path(String name) {
            return one(name, Type.PATH, Path.class);
        }

        public Optional<String> choice(String name) {
            return one(name, Type.CHOICE, String.class);
        }

        /** Every value of a repeatable text option, in the order given. */
        public List<String> texts(String name) {
            Option o = declared(name);
            if (o.type() != Type.TEXT) {
                throw new IllegalArgumentException(name + " is " + o.type() + ", not TEXT");
            }
            return values.getOrDefault(name, List.of()).stream().map(String.class::cast).collect(Collectors.toList());
        }

        private <T> Optional<T> one(String name, Type type, Class<T> c) {
            Option o = declared(name);
            if (o.type() != type) {
                throw new IllegalArgumentException(spec.command() + "'s " + name + " is " + o.type() + ", not " + type);
            }
            List<Object> v = values.get(name);
            return v == null ? Optional.empty() : Optional.of(c.cast(v.get(v.size() - 1)));
        }

        private Option declared(String name) {
            Option o = spec.options.get(name);
            if (o == null) {
                throw new IllegalArgumentException(spec.command() + " declares no option " + name);
            }
            return o;
        }
    }
}
