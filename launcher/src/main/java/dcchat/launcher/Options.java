package dcchat.launcher;

/** --host, --port, --name, --mine, --reference of the run commands. */
record Options(String host, String port, String name, boolean mine, boolean reference) {
    static Options parse(String[] args, int from) throws Launcher.Usage {
        String host = "127.0.0.1";
        String port = "5000";
        String name = null;
        boolean mine = false;
        boolean reference = false;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--mine" -> mine = true;
                case "--reference" -> reference = true;
                case "--host", "--port", "--name" -> {
                    if (i + 1 >= args.length) {
                        throw new Launcher.Usage("option " + a + " needs a value");
                    }
                    String v = args[++i];
                    if (a.equals("--host")) {
                        host = v;
                    } else if (a.equals("--port")) {
                        port = v;
                    } else {
                        name = v;
                    }
                }
                default -> throw new Launcher.Usage("unknown option " + a + " (try dcchat help)");
            }
        }
        return new Options(host, port, name, mine, reference);
    }
}


