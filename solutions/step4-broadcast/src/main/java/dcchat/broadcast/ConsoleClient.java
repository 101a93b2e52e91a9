package dcchat.broadcast;

import dcchat.framing.ChatMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A DCChat client for the terminal: every line you type is a chat line; everything the room says is
 * printed as it comes (README §8).
 *
 * <p>Step 4 of DCChat: {@link ChatClient} with System.in and System.out around it.
 *
 * <pre>
 *   ./dcchat client --name ana --port 5000      (/quit or Ctrl+D leaves)
 * </pre>
 */
public final class ConsoleClient {

    private ConsoleClient() {
    }

    /**
     * Formats one message for the terminal.
     *
     * @param m the message
     * @return e.g. {@code "[ana] hola"}, {@code "* ana joined"}, {@code "! name taken"}
     */
    static String format(ChatMessage m) {
        return switch (m.type()) {
            case ChatMessage.CHAT -> "[" + m.username() + "] " + m.data();
            case ChatMessage.JOIN -> "* " + m.username() + " joined";
            case ChatMessage.LEAVE -> "* " + m.username() + " left";
            case ChatMessage.ERROR -> "! " + m.data();
            default -> m.toString();
        };
    }

    /**
     * Connects, joins and chats until /quit, end of input, or the server going away.
     *
     * @param args {@code --host H} (default 127.0.0.1), {@code --port P} (default 5000), {@code --name N}
     *             (default: the server picks one when you first chat)
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = 5000;
        String name = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--name" -> name = args[i + 1];
                default -> {
                    System.err.println("usage: ConsoleClient [--host H] [--port P] [--name N]");
                    System.exit(2);
                }
            }
        }
        int status = runConsole(host, port, name, System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8));
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * The console client on any streams ({@link #main} gives it the terminal): connects, joins if a name is
     * given, sends every line typed, and prints everything the room says, until /quit, end of input, or the
     * server going away. A line too long for one frame is not sent: it gets a sentence saying so, and the
     * client carries on (README §8).
     *
     * @param host  the server's host
     * @param port  the server's port
     * @param name  the name to join with, or null to let the server pick one at the first chat line
     * @param typed what the user types, in UTF-8
     * @param out   where every line is printed
     * @return 0 after /quit, end of input or the server going away; 1 if the server cannot be reached
     */
    static int runConsole(String host, int port, String name, InputStream typed, PrintStream out) {
        CountDownLatch gone = new CountDownLatch(1);
        ChatListener printer = new ChatListener() {
            @Override
            public void onMessage(ChatMessage message) {
                out.println(format(message));
            }

            @Override
            public void onDisconnected(String reason) {
                out.println("! disconnected: " + reason);
                gone.countDown();
            }
        };
        try (ChatClient chat = ChatClient.connect(host, port, printer)) {
            out.println("Connected to " + host + ":" + port + ". Type to chat; /quit leaves.");
            if (name != null) {
                chat.join(name);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(typed, StandardCharsets.UTF_8));
            String line;
            while (gone.getCount() > 0 && (line = in.readLine()) != null && !line.equals("/quit")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    chat.send(line);
                } catch (IllegalArgumentException tooLong) {
                    // ChatClient.send refuses what does not fit in one frame (README §7): say so, keep chatting
                    out.println("! not sent: that line is too long for one message (" + tooLong.getMessage()
                            + "); send it in shorter lines");
                }
            }
            return 0;
        } catch (IOException e) {
            out.println("! cannot chat with " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
    }
}
