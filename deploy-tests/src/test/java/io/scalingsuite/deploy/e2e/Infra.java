package io.scalingsuite.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the chart expects outside the cluster, as processes of the harness on 127.0.0.1: a PostgreSQL 15 primary
 * ({@value #PG_PRIMARY}) with a streaming hot-standby replica ({@value #PG_REPLICA}, made by pg_basebackup), and a
 * Redis master ({@value #REDIS_MASTER}) with a replica ({@value #REDIS_REPLICA}) watched by a Sentinel
 * ({@value #SENTINEL}), all three requiring the same password. Everything lives under {@link #ROOT}; a run first
 * stops what a killed earlier run left there (by its data directories and pid files, never by process name).
 */
final class Infra implements AutoCloseable {

    static final int PG_PRIMARY = 25432;
    static final int PG_REPLICA = 25433;
    static final int REDIS_MASTER = 26379;
    static final int REDIS_REPLICA = 26380;
    static final int SENTINEL = 26381;
    static final String DATABASE = "scaling_suite";
    static final String MASTER_NAME = "e2e-master";
    static final Path ROOT = Path.of("/tmp/scaling-suite-e2e-infra");
    private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final String redisPassword;
    private final List<Process> redis = new ArrayList<>();

    private Infra(String redisPassword) {
        this.redisPassword = redisPassword;
    }

    static Infra start(String redisPassword) {
        stopLeftovers();
        Infra infra = new Infra(redisPassword);
        try {
            Files.createDirectories(ROOT.resolve("redis"));
            Shell.run("chmod", "755", ROOT.toString());
            infra.startPostgres();
            infra.startRedis();
            return infra;
        } catch (IOException | RuntimeException e) {
            infra.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void startPostgres() {
        Path primary = ROOT.resolve("pg/primary");
        Path replica = ROOT.resolve("pg/replica");
        Shell.run("mkdir", "-p", ROOT.resolve("pg").toString());
        Shell.run("chown", "postgres:", ROOT.resolve("pg").toString());
        pg("initdb", "-D", primary.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        pg("pg_ctl", "-D", primary.toString(), "-l", primary + ".log", "-w", "-o",
                "-p " + PG_PRIMARY + " -k /tmp -c listen_addresses=127.0.0.1 -c wal_level=replica"
                        + " -c max_wal_senders=4 -c wal_keep_size=256MB -c fsync=off -c max_connections=300",
                "start");
        pg("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(PG_PRIMARY), "-U", "postgres", "-D",
                replica.toString(), "-X", "stream", "-c", "fast", "-R");
        pg("pg_ctl", "-D", replica.toString(), "-l", replica + ".log", "-w", "-o",
                "-p " + PG_REPLICA + " -k /tmp -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=300",
                "start");
        pg("psql", "-h", "127.0.0.1", "-p", Integer.toString(PG_PRIMARY), "-U", "postgres", "-c",
                "CREATE DATABASE " + DATABASE);
    }

    private void startRedis() throws IOException {
        String auth = "requirepass " + redisPassword + "\nmasterauth " + redisPassword + "\n";
        redis.add(redis("master", REDIS_MASTER, auth, false));
        redis.add(redis("replica", REDIS_REPLICA, auth + "replicaof 127.0.0.1 " + REDIS_MASTER + "\n", false));
        redis.add(redis("sentinel", SENTINEL, "requirepass " + redisPassword + "\nsentinel monitor " + MASTER_NAME
                + " 127.0.0.1 " + REDIS_MASTER + " 1\nsentinel auth-pass " + MASTER_NAME + " " + redisPassword
                + "\nsentinel down-after-milliseconds " + MASTER_NAME + " 2000\n", true));
        for (int port : new int[] { REDIS_MASTER, REDIS_REPLICA, SENTINEL }) {
            Wait.until("redis on " + port, 20, () -> Shell.exec(5, "redis-cli", "-p", Integer.toString(port), "-a",
                    redisPassword, "--no-auth-warning", "PING").output().contains("PONG"));
        }
    }

    private Process redis(String name, int port, String settings, boolean sentinel) throws IOException {
        Path dir = ROOT.resolve("redis/" + name);
        Files.createDirectories(dir);
        Path config = dir.resolve("redis.conf");
        Files.writeString(config, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\nprotected-mode no\n"
                + (sentinel ? "" : "save \"\"\nappendonly no\nmaxmemory-policy noeviction\n") + settings);
        List<String> command = new ArrayList<>(List.of("redis-server", config.toString()));
        if (sentinel) {
            command.add("--sentinel");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        Files.writeString(dir.resolve("pid"), Long.toString(process.pid()));
        return process;
    }

    /** The pid files and PostgreSQL data directories of an earlier run that did not get to clean up. */
    private static void stopLeftovers() {
        for (String node : List.of("sentinel", "replica", "master")) {
            Path pid = ROOT.resolve("redis/" + node + "/pid");
            if (Files.exists(pid)) {
                Shell.exec(5, "kill", "-9", read(pid));
            }
        }
        for (String dir : List.of("replica", "primary")) {
            if (Files.exists(ROOT.resolve("pg/" + dir + "/postmaster.pid"))) {
                Shell.exec(60, "runuser", "-u", "postgres", "--", PG_BIN.resolve("pg_ctl").toString(), "-D",
                        ROOT.resolve("pg/" + dir).toString(), "-m", "immediate", "-w", "stop");
            }
        }
        Shell.exec(60, "rm", "-rf", ROOT.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pg(String program, String... args) {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--",
                PG_BIN.resolve(program).toString()));
        command.addAll(List.of(args));
        Shell.run(command.toArray(String[]::new));
    }

    @Override
    public void close() {
        redis.forEach(Process::destroyForcibly);
        stopLeftovers();
    }
}
