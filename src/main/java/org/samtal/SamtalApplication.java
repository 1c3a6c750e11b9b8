package org.samtal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class SamtalApplication {

	public static void main(String[] args) {
		SpringApplication.run(SamtalApplication.class, args);
	}
}
