package io.scalingsuite.gateway.config;

import org.eclipse.microprofile.config.spi.Converter;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;

/**
 * A size in bytes written as Quarkus writes memory sizes: digits, then optionally K, M, G or T (powers of 1024), e.g.
 * {@code 64M} or {@code 67108864}. {@code GatewayConfig} takes it as a {@code long}, not as Quarkus'
 * {@code MemorySize}, so its methods name only JDK and gateway types: deploy-tests read its keys from the compiled
 * classes without Quarkus on the class path.
 */
public final class ByteCount implements Converter<Long> {

    private static final MemorySizeConverter SIZES = new MemorySizeConverter();

    @Override
    public Long convert(String value) {
        MemorySize size = SIZES.convert(value);
        return size == null ? null : size.asLongValue();
    }
}
